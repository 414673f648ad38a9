using Noa.Stages.Classifier.Paths;

namespace Noa.Stages.Classifier.Tests.Paths;

public sealed class GitAttributesTests
{
    [Theory]
    [InlineData("", "*.js", "a/b/c.js", true)]
    [InlineData("", "*.js", "c.jsx", false)]
    [InlineData("", "docs/*", "docs/a.md", true)]
    [InlineData("", "docs/*", "docs/x/a.md", false)]
    [InlineData("", "docs/**", "docs/x/a.md", true)]
    [InlineData("", "**/gen/*.go", "a/b/gen/x.go", true)]
    [InlineData("", "**/gen/*.go", "gen/x.go", true)]
    [InlineData("", "/root.txt", "root.txt", true)]
    [InlineData("", "/root.txt", "a/root.txt", false)]
    [InlineData("sub/", "*.c", "sub/x/y.c", true)]
    [InlineData("sub/", "*.c", "other/y.c", false)]
    [InlineData("", "file?.[ch]", "src/file1.h", true)]
    [InlineData("", "third_party", "third_party/x.c", false)]
    public void Glob_Pattern_MatchesLikeGit(string dir, string glob, string path, bool expected) =>
        Assert.Equal(expected, GitAttributes.Glob(dir, glob).IsMatch(path));

    [Fact]
    public async Task Classify_GitAttributes_OverrideLinguistRules()
    {
        var result = await MemoryFiles.ClassifyAsync(
            (".gitattributes", "# overrides\nlib/** linguist-vendored\n*.rb linguist-language=Python\nvendor/** -linguist-vendored linguist-vendored=false\ndocs/** linguist-documentation=false\nsrc/gen.go linguist-generated\n*.json linguist-detectable\n"),
            ("lib/a.go", "package a\n"),
            ("tool.rb", "print(1)\n"),
            ("vendor/b.go", "package b\n"),
            ("docs/c.go", "package c\n"),
            ("src/gen.go", "package src\n"),
            ("data.json", "{}\n"));
        var files = result.FileList.Files.ToDictionary(f => f.Path);
        Assert.Equal("vendored", files["lib/a.go"].Category);
        Assert.Equal(("classified", "Python"), (files["tool.rb"].Category, files["tool.rb"].Language));
        Assert.Equal("classified", files["vendor/b.go"].Category);
        Assert.Equal("classified", files["docs/c.go"].Category);
        Assert.Equal("generated", files["src/gen.go"].Category);
        Assert.Equal("classified", files["data.json"].Category);
        Assert.Contains(result.Profile.Languages, l => l.Name == "JSON");
    }
}
