using Noa.Manifests.Rust;
using Noa.Stages.Graph.Repository;
using EntryManifests = Noa.Stages.Graph.Repository.Manifests;

namespace Noa.Stages.Graph.Tests.Repository;

// The Graph reads pyproject.toml and Cargo.toml through the one reader (Noa.Manifests) the Classifier and the SBOM use (issue 14,
// item 3); each case here is one where its own reading of Tomlyn's tables disagreed with that reader.
public sealed class TomlManifestsTests
{
    private static RepoFiles Repo(params (string Path, string Text)[] files) =>
        new(files.Select(f => f.Path), files.ToDictionary(f => f.Path, f => f.Text));

    [Fact]
    public void Cargo_PathDependencyOfOneTarget_IsAProjectReference()
    {
        var (projects, problems) = Projects.Read(Repo(
            ("Cargo.toml", "[package]\nname = \"app\"\n\n[target.'cfg(unix)'.dependencies]\nsys = { path = \"sys\" }\n"),
            ("sys/Cargo.toml", "[package]\nname = \"app-sys\"\n")));

        Assert.Empty(problems);
        Assert.Equal(["sys/Cargo.toml"], projects.Single(p => p.Name == "app").References);
    }

    [Fact]
    public void Cargo_BinsAsAnInlineArrayOfTables_AreEntries()
    {
        // bin = [{…}] is the same TOML value as [[bin]]; Cargo reads both.
        var (entries, problems) = EntryManifests.Read(Repo(
            ("Cargo.toml", "bin = [{ name = \"fmt\", path = \"src/fmt.rs\" }]\n\n[package]\nname = \"tools\"\nautobins = false\n"),
            ("src/fmt.rs", "fn main() {}\n"),
            ("src/bin/ignored.rs", "fn main() {}\n")));

        Assert.Empty(problems);
        var bin = Assert.Single(entries);
        Assert.Equal(("bin", "fmt", "src/fmt.rs"), (bin.Kind, bin.Name, bin.Target));
    }

    [Fact]
    public void Pyproject_QuotedAndDottedScriptKeys_AreConsoleEntries()
    {
        var (entries, problems) = EntryManifests.Read(Repo(
            ("pyproject.toml", "[project]\nname = \"p\"\nscripts.\"p-cli\" = \"p.cli:main\" # a comment\n\n[tool.poetry.scripts]\nlegacy = { reference = \"p.old:run\", type = \"console\" }\n")));

        Assert.Empty(problems);
        Assert.Equal([("p-cli", "p.cli:main"), ("legacy", "p.old:run")], entries.Select(e => (e.Name, e.Target)));
    }

    [Fact]
    public void MalformedToml_IsAProblemNamingTheFileAndLine_AndTheOtherManifestsAreRead()
    {
        var repo = Repo(
            ("bad/Cargo.toml", "[package]\nname = \"bad\"\nversion = \"1\n"),
            ("good/Cargo.toml", "[package]\nname = \"good\"\n"),
            ("good/src/main.rs", "fn main() {}\n"));

        var (projects, problems) = Projects.Read(repo);
        var (entries, entryProblems) = EntryManifests.Read(repo);

        Assert.Matches(@"^bad/Cargo\.toml: line 3\b", Assert.Single(problems));
        Assert.Equal(problems, entryProblems);
        Assert.Equal("good", Assert.Single(projects).Name);
        Assert.Equal("good/src/main.rs", Assert.Single(entries).Target);
    }

    [Fact]
    public void RustCorpus_EveryCargoToml_IsTheProjectTheSharedReaderNames()
    {
        var root = CorpusTests.CorporaRoot() is { } corpora && Directory.Exists(Path.Combine(corpora, "rust")) ? Path.Combine(corpora, "rust")
            : null;
        if (root is null)
        {
            Requirement.Unmet(".cache/corpora/rust is missing: run scripts/corpora.sh rust");
        }
        var files = Directory.EnumerateFiles(root, "Cargo.toml", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(root, f).Replace('\\', '/'), Text: File.ReadAllText(f))).ToArray();
        Assert.True(files.Length >= 5, $"only {files.Length} Cargo.toml in {root}");

        var (projects, problems) = Projects.Read(Repo(files));

        Assert.Empty(problems);
        Assert.Equal(files.Select(f => CargoManifest.Parse(f.Text).PackageName).Order(StringComparer.Ordinal),
            projects.Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
