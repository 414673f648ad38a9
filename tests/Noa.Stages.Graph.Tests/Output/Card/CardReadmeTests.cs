using Noa.Stages.Graph.Output.Card;

namespace Noa.Stages.Graph.Tests.Output.Card;

public sealed class CardReadmeTests
{
    [Theory]
    [InlineData("# Title\n\nFirst para\ncontinues.\n\nSecond.", "First para continues.")]
    [InlineData("<p align=\"center\"><img src=\"x\"></p>\n\n![logo](x.png)\n[![ci](b)](c) [![cov](d)](e)\n\nText here.", "Text here.")]
    [InlineData("Project\n=======\n\n.. image:: badge.svg\n\nAn rst project.\n", "An rst project.")]
    [InlineData("```sh\nmake\n```\n\nAfter code.", "After code.")]
    [InlineData("Plain text README\nwith two lines.", "Plain text README with two lines.")]
    [InlineData("# Only a title\n", null)]
    [InlineData("# noa\n\n```sh\nmake demo\n```\n\nRun make demo first.\n\n## What it is\n\nA digest pipeline.\n", "A digest pipeline.")]
    [InlineData("# x\n\nIntro.\n\n## Overview\n\n```\ncode\n```\n", "Intro.")]
    public void FirstParagraph_Readme_SkipsTitlesBadgesAndCode(string text, string? expected) =>
        Assert.Equal(expected, new CardReadme("README.md", text).FirstParagraph());

    [Theory]
    [InlineData(new[] { "src/README.md", "readme.rst", "README" }, "readme.rst")]
    [InlineData(new[] { "README", "README.md" }, "README.md")]
    [InlineData(new[] { "docs/README.md", "READMEFIRST.txt" }, null)]
    public void Find_RootFiles_PrefersMarkdownThenRstThenPlain(string[] paths, string? expected) =>
        Assert.Equal(expected, CardReadme.Find(paths));
}
