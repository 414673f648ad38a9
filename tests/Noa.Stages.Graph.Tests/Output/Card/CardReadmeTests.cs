using Noa.Stages.Graph.Output.Card;

namespace Noa.Stages.Graph.Tests.Output.Card;

public sealed class CardReadmeTests
{
    [Theory]
    [InlineData("# Title\n\nFirst paragraph of the project\ncontinues on a second line.\n\nSecond.", "First paragraph of the project continues on a second line.")]
    [InlineData("<p align=\"center\"><img src=\"x\"></p>\n\n![logo](x.png)\n[![ci](b)](c) [![cov](d)](e)\n\nThe text here says what it does.", "The text here says what it does.")]
    [InlineData("Project\n=======\n\n.. image:: badge.svg\n\nAn rst project that describes itself well.\n", "An rst project that describes itself well.")]
    [InlineData("```sh\nmake\n```\n\nAfter code comes the description of it.", "After code comes the description of it.")]
    [InlineData("Plain text README\nwith two lines of real words.", "Plain text README with two lines of real words.")]
    [InlineData("# Only a title\n", null)]
    [InlineData("# noa\n\n```sh\nmake demo\n```\n\nRun make demo first.\n\n## What it is\n\nA digest pipeline for software sources of any kind.\n", "A digest pipeline for software sources of any kind.")]
    // Lead-ins to links, lists and code are not descriptions; neither are steps under a procedural heading.
    [InlineData("# X\n\nCircleCI build:\n\n.. image:: b.svg\n\nSee the slides here: [slides](https://example.com/a/very/long/link/to/slides)\n", null)]
    [InlineData("Quickstart\n----------\n\nFirst, set your app's secret key as an environment variable, for example.\n", null)]
    [InlineData("## Run it locally\n\nPetclinic is a Spring Boot application built using Maven or Gradle.\n", "Petclinic is a Spring Boot application built using Maven or Gradle.")]
    [InlineData("# X\n\n- a list item is not a paragraph of prose\n\nA [linked](https://x.io) project that parses things fast.\n", "A linked project that parses things fast.")]
    public void FirstParagraph_Readme_TheDescription(string text, string? expected) =>
        Assert.Equal(expected, new CardReadme("README.md", text).FirstParagraph());

    [Fact]
    public void FirstList_ReadmeThatListsFeatures_ItsTopLevelItemsAsText()
    {
        var readme = new CardReadme("README.md", "# Full Stack\n\n## Features\n\n- ⚡ [**FastAPI**](https://f.io) for the backend.\n  - nested detail\n- 🚀 React for the frontend.\n\nMore.\n");
        Assert.Equal(["⚡ FastAPI for the backend", "🚀 React for the frontend"], readme.FirstList(5));
        Assert.Equal("Full Stack", readme.Title());
    }

    [Theory]
    [InlineData(new[] { "src/README.md", "readme.rst", "README" }, "readme.rst")]
    [InlineData(new[] { "README", "README.md" }, "README.md")]
    [InlineData(new[] { "docs/README.md", "READMEFIRST.txt" }, null)]
    public void Find_RootFiles_PrefersMarkdownThenRstThenPlain(string[] paths, string? expected) =>
        Assert.Equal(expected, CardReadme.Find(paths));
}
