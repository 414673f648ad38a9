namespace Noa.Stages.Classifier.Tests.Manifests;

// pyproject.toml, Pipfile and Cargo.toml through Tomlyn (Noa.Manifests): the forms the hand-written TOML reader mis-read (issue 14, item 3).
public sealed class TomlManifestTests
{
    [Fact]
    public async Task Classify_LicenseTableWithCommaInText_DeclaresTheWholeText()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("pyproject.toml", "[project]\nname = \"p\"\nlicense = {text = \"BSD, see LICENSE\"}\n"));
        var declared = Assert.Single(result.Profile.Licenses.Declared);
        Assert.Equal(("project.license.text", "BSD, see LICENSE"), (declared.Field, declared.Value));
    }

    [Fact]
    public async Task Classify_PoetryDottedKeys_AreDependencies()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("pyproject.toml", "[tool.poetry]\nname = \"svc\"\ndependencies.python = \"^3.11\"\ndependencies.fastapi = \"^0.110\"\n\n[tool.poetry.group.dev.dependencies]\npytest = \"^8\"\n"),
            ("svc/app.py", "app = 1\n"));
        var p = result.Profile;
        var fastapi = Assert.Single(p.Frameworks, f => f.Id == "fastapi");
        Assert.Equal("[tool.poetry.dependencies] fastapi = \"^0.110\"", Assert.Single(fastapi.Evidence).Detail);
        Assert.Contains(p.BuildSystems, b => b.Id == "poetry");
        // A dev group's framework is recorded but scores no service type.
        Assert.Contains(p.Frameworks, f => f.Id == "pytest");
        Assert.Equal("http-api", p.ServiceType);
    }

    [Fact]
    public async Task Classify_MultiLineStrings_DoNotBecomeKeysOrTables()
    {
        // TomlLite read the lines inside the multi-line string as a [dependencies] table with django in it.
        var result = await MemoryFiles.ClassifyAsync(
            ("pyproject.toml", "[project]\nname = \"p\"\ndescription = \"\"\"\n[dependencies]\ndjango = 1\n\"\"\"\ndependencies = ['''flask''']\n"));
        var p = result.Profile;
        Assert.DoesNotContain(p.Frameworks, f => f.Id == "django");
        Assert.Contains(p.Frameworks, f => f.Id == "flask");
    }

    [Fact]
    public async Task Classify_CargoTargetRenamedAndWorkspaceDependencies_AreRead()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("Cargo.toml", "[workspace]\nmembers = [\"web\"]\n\n[workspace.dependencies]\naxum = \"0.7\"\n"),
            ("web/Cargo.toml", "[package]\nname = \"web\"\nlicense.workspace = true\n\n[target.'cfg(unix)'.dependencies]\nweb-framework = { package = \"actix-web\", version = \"4\" }\n\n[[bin]]\nname = \"web\"\npath = \"src/main.rs\"\n"),
            ("web/src/main.rs", "fn main() {}\n"));
        var p = result.Profile;
        Assert.Contains(p.Frameworks.Single(f => f.Id == "axum").Evidence, e => e.Detail == "[workspace.dependencies] axum = 0.7");
        Assert.Contains(p.Frameworks.Single(f => f.Id == "actix-web").Evidence, e => e.Detail == "[target.cfg(unix).dependencies] web-framework = 4");
    }

    [Fact]
    public async Task Classify_InvalidToml_KeepsTheBuildSystemAndReadsNothingElse()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("Cargo.toml", "[package\nname = \"x\"\n[dependencies]\naxum = \"0.7\"\n"),
            ("Pipfile", "[packages]\nflask = \"*\nrequests = \"*\"\n"));
        var p = result.Profile;
        Assert.Contains(p.BuildSystems, b => b.Id == "cargo");
        Assert.Contains(p.BuildSystems, b => b.Id == "pipenv");
        Assert.Empty(p.Frameworks);
    }
}
