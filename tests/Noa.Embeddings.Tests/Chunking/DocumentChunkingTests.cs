using Noa.Embeddings.Chunking;

namespace Noa.Embeddings.Tests.Chunking;

public sealed class DocumentChunkingTests
{
    [Fact]
    public void FromDocument_Markdown_OneChunkPerHeadingWithItsPathAndFencedHashesIgnored()
    {
        const string md = """
            Intro line before any heading.

            # Guide
            Read this.

            ## Install
            ```sh
            # not a heading
            pip install thing
            ```

            ## Use
            Call it.
            """;

        var chunks = Chunker.FromDocument("docs/guide.md", md);

        Assert.Equal(["guide.md", "Guide", "Guide > Install", "Guide > Use"], chunks.Select(c => c.Symbol));
        Assert.Equal(["file", "section", "section", "section"], chunks.Select(c => c.Kind));
        var install = chunks[2];
        Assert.Equal((6, 11), (install.StartLine, install.EndLine));
        Assert.Contains("# not a heading", install.Text);
        Assert.StartsWith("docs/guide.md | Guide > Install\n", install.Text);
        Assert.All(chunks, c => Assert.Equal("markdown", c.Language));
    }

    [Fact]
    public void FromDocument_LongMarkdownSection_SplitWithinBudgetKeepingEveryLine()
    {
        var lines = Enumerable.Range(1, 200).Select(i => $"Paragraph {i} explains another part of the configuration in words.").ToList();
        var md = "# Long\n" + string.Join("\n", lines);

        var chunks = Chunker.FromDocument("README.md", md);

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 256));
        Assert.All(lines, l => Assert.Contains(chunks, c => c.Text.Contains(l + "\n") || c.Text.EndsWith(l)));
    }

    [Fact]
    public void FromDocument_Rst_SectionsByUnderlinedTitles()
    {
        const string rst = "Title\n=====\n\nText.\n\nUsage\n-----\n\nMore text.\n";

        var chunks = Chunker.FromDocument("README.rst", rst);

        Assert.Equal(["Title", "Title > Usage"], chunks.Select(c => c.Symbol));
    }

    [Fact]
    public void FromDocument_SmallYaml_OneWholeChunk()
    {
        var chunks = Chunker.FromDocument("config/app.yaml", "server:\n  port: 8080\ndb:\n  url: x\n");

        var chunk = Assert.Single(chunks);
        Assert.Equal(("file", "yaml", 1, 4), (chunk.Kind, chunk.Language, chunk.StartLine, chunk.EndLine));
    }

    [Theory]
    [InlineData("app.yaml", "{0}:\n  description: setting {0} controls part of the service behaviour\n  value: {0}\n")]
    [InlineData("app.json", "  \"{0}\": {{ \"description\": \"setting {0} controls part of the service behaviour\", \"value\": 1 }},\n")]
    [InlineData("app.toml", "[{0}]\ndescription = \"setting {0} controls part of the service behaviour\"\n")]
    public void FromDocument_LargeConfig_ChunkedByTopLevelKey(string path, string entry)
    {
        var keys = Enumerable.Range(1, 60).Select(i => $"key{i}").ToList();
        var body = string.Concat(keys.Select(k => string.Format(entry, k)));
        var text = path.EndsWith(".json") ? "{\n" + body.TrimEnd('\n', ',') + "\n}\n" : body;

        var chunks = Chunker.FromDocument(path, text);

        Assert.Equal(keys, chunks.Where(c => c.Kind == "key").Select(c => c.Symbol));
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 256));
    }
}
