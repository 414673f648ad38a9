using System.Text;
using Noa.Manifests.Python;
using Noa.Manifests.Rust;
using Noa.Safety.Sbom.Tests.Support;

namespace Noa.Safety.Sbom.Tests;

// pyproject.toml and Cargo.toml through the one reader (Noa.Manifests) the Classifier and the Graph use (issue 14, item 3): the SBOM
// names exactly the dependencies that reader declares, on hand-written edges and on the real crates of the rust corpus.
public sealed class SharedManifestReaderTests
{
    // Every TOML form the hand-written readers got wrong, plus Poetry's several-constraints form the SBOM's own reader left out.
    private const string Pyproject = """
        # a comment [project] that is not a table
        [project]
        name = "svc"
        description = '''
        [tool.poetry.dependencies]
        django = "*"
        '''
        license = {text = "BSD, see LICENSE"}
        dependencies = [
            "httpx>=0.27",  # a comment inside an array
            'attrs==23.2.0',
        ]

        [tool.poetry]
        dependencies.requests = "^2"
        dependencies."typing-extensions" = "4.9.0"

        [tool.poetry.dependencies]
        python = "^3.9"
        numpy = [
            {version = "<1.25", python = "<3.9"},
            {version = "^1.25", python = ">=3.9"},
        ]
        """;

    private static Sbom Build(params (string Path, string Text)[] files) =>
        SbomBuilder.Build([.. files.Select(f => (f.Path, Encoding.UTF8.GetBytes(f.Text)))], "p");

    [Fact]
    public void Pyproject_EveryForm_GivesTheSharedReadersDependencies()
    {
        var sbom = Build(("pyproject.toml", Pyproject));

        Assert.Empty(sbom.Problems);
        var names = sbom.Components.Select(c => c.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["attrs", "httpx", "numpy", "requests", "typing-extensions"], names);
        Assert.Equal(PyProject.Parse(Pyproject).Dependencies.Select(d => d.Name).Order(StringComparer.Ordinal), names);
        // The first constraint of several names the version (the Classifier reads it the same way).
        Assert.Equal("<1.25", sbom.Components.Single(c => c.Name == "numpy").Requirement);
    }

    [Fact]
    public void Pyproject_Malformed_IsUnreadWithItsLine_AndTheOtherFilesAreRead()
    {
        var sbom = Build(("a/pyproject.toml", "[project]\nname = \"a\"\ndependencies = [\"x\"\n[tool.poetry]\n"), ("b/pyproject.toml", "[project]\ndependencies = [\"flask\"]\n"));

        var problem = Assert.Single(sbom.Problems);
        Assert.Equal("a/pyproject.toml", problem.Path);
        Assert.True(problem.Unread);
        Assert.Matches(@"^cannot be read: line \d+", problem.Message);
        Assert.Equal("flask", Assert.Single(sbom.Components).Name);
    }

    [Fact]
    public void CargoToml_WorkspaceInheritedTargetAndRenamed_AreTheSharedReadersDependencies()
    {
        const string member = """
            [package]
            name = "web"
            [dependencies]
            serde.workspace = true
            http = { package = "http-crate", version = "=1.0.0", optional = true }
            [target.'cfg(unix)'.dependencies]
            libc = "0.2"
            [dev-dependencies]
            own = { path = "../own" }
            """;
        var sbom = Build(("Cargo.toml", "[workspace]\nmembers = [\"web\"]\n[workspace.dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\n"), ("web/Cargo.toml", member));

        Assert.Empty(sbom.Problems);
        Assert.Equal(["pkg:cargo/http-crate@1.0.0 optional direct", "pkg:cargo/libc runtime direct", "pkg:cargo/serde runtime direct"], Inputs.Describe(sbom));
        Assert.Equal(["http-crate", "libc", "serde"],
            CargoManifest.Parse(member).Dependencies.Where(d => d.Path is null).Select(d => d.Package).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RustCorpus_EveryCargoToml_GivesWhatTheSharedReaderDeclares()
    {
        var root = Inputs.CorporaRoot()!;
        var rust = Path.Combine(root, "rust");
        if (!Directory.Exists(rust))
        {
            Requirement.Unmet($"{rust} is missing: run scripts/corpora.sh rust");
        }
        var manifests = Inputs.Folder(rust, p => Path.GetFileName(p) == "Cargo.toml");
        Assert.True(manifests.Count >= 5, $"only {manifests.Count} Cargo.toml in {rust}");
        foreach (var (path, content) in manifests)
        {
            var sbom = SbomBuilder.Build([(path, content)], "p");
            Assert.Empty(sbom.Problems);
            var declared = CargoManifest.Parse(Encoding.UTF8.GetString(content)).Dependencies
                .Where(d => d.Path is null || d.Version is not null).Select(d => d.Package).ToHashSet(StringComparer.Ordinal);
            Assert.NotEmpty(declared);
            Assert.Equal(declared.Order(StringComparer.Ordinal), sbom.Components.Select(c => c.Name).Distinct().Order(StringComparer.Ordinal));
        }
    }
}
