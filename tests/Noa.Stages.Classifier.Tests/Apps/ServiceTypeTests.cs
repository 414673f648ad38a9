namespace Noa.Stages.Classifier.Tests.Apps;

/// <summary>
/// What decides an app's kind and the product's service type, one small repository per cause seen on real ones (the entry-point
/// bench): a server's main parses flags too; a library's own command line does not make it a service; a monorepo follows its
/// primary app. Each has a control case that the same code without the deciding evidence is classified otherwise.
/// </summary>
public sealed class ServiceTypeTests
{
    private const string ClapMain = """
        use clap::Parser;
        #[tokio::main]
        async fn main() -> anyhow::Result<()> {
            let config = realworld::config::Config::parse();
            realworld::http::serve(config).await
        }
        """;

    [Fact]
    public async Task Classify_RustWebFrameworkWithClapConfig_IsAServiceNotACommandLine()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("Cargo.toml", "[package]\nname = \"realworld\"\nversion = \"0.1.0\"\n\n[dependencies]\naxum = \"0.7\"\nclap = { version = \"4\", features = [\"derive\", \"env\"] }\ntokio = \"1\"\n"),
            ("src/main.rs", ClapMain),
            ("src/lib.rs", "pub mod config;\npub mod http;\n"),
            ("src/config.rs", "#[derive(clap::Parser)]\npub struct Config { #[clap(long, env)] pub database_url: String }\n"),
            ("src/http/mod.rs", "pub async fn serve(config: crate::config::Config) -> anyhow::Result<()> { Ok(()) }\n"));

        var app = Assert.Single(result.Profile.Apps);
        Assert.Equal("service", app.Kind);
        Assert.Contains(app.Evidence, e => e.Path == "Cargo.toml" && e.Detail.Contains("axum", StringComparison.Ordinal));
        Assert.Equal("http-api", result.Profile.ServiceType);
    }

    [Fact]
    public async Task Classify_RustClapBinaryWithoutAWebFramework_IsACommandLine()
    {
        // Control: the same main and clap without axum is a command line.
        var result = await MemoryFiles.ClassifyAsync(
            ("Cargo.toml", "[package]\nname = \"grep-lite\"\nversion = \"0.1.0\"\n\n[dependencies]\nclap = { version = \"4\", features = [\"derive\"] }\ntokio = \"1\"\n"),
            ("src/main.rs", ClapMain),
            ("src/lib.rs", "pub mod config;\n"));

        Assert.Equal("cli", Assert.Single(result.Profile.Apps).Kind);
        Assert.Equal("cli", result.Profile.ServiceType);
    }
    private static (string, string)[] PythonPackage(string classifiers) =>
    [
        ("pyproject.toml", $"[project]\nname = \"webframe\"\nclassifiers = [{classifiers}]\ndependencies = [\"click>=8.1\", \"werkzeug>=3\"]\n[project.scripts]\nwebframe = \"webframe.cli:main\"\n[build-system]\nrequires = [\"flit_core\"]\nbuild-backend = \"flit_core.buildapi\"\n"),
        ("src/webframe/__init__.py", "from .app import App\n"),
        ("src/webframe/__main__.py", "from .cli import main\nmain()\n"),
        ("src/webframe/cli.py", "import click\n\n@click.command()\ndef main():\n    pass\n"),
        ("src/webframe/app.py", "class App:\n    \"\"\"Call app.run(debug=True) to serve it.\"\"\"\n"),
        ("examples/tutorial/pyproject.toml", "[project]\nname = \"tutorial\"\ndependencies = [\"flask\"]\n"),
        ("examples/tutorial/app.py", "from flask import Flask\napp = Flask(__name__)\n"),
        ("tests/test_app.py", "def test_app():\n    pass\n"),
    ];

    [Fact]
    public async Task Classify_FrameworkPackageWithAHelperCommand_IsALibrary()
    {
        var result = await MemoryFiles.ClassifyAsync(PythonPackage(
            "\"Environment :: Web Environment\", \"Topic :: Software Development :: Libraries :: Application Frameworks\""));

        // The examples are apps of their own scope, never the product's.
        var app = Assert.Single(result.Profile.Apps);
        Assert.Equal((".", "library"), (app.Root, app.Kind));
        Assert.Contains(app.Evidence, e => e.Detail.Contains("Topic :: Software Development :: Libraries", StringComparison.Ordinal));
        Assert.Equal("library", result.Profile.ServiceType);
    }

    [Theory]
    [InlineData("\"Environment :: Console\", \"Topic :: Software Development :: Libraries :: Python Modules\"")]
    [InlineData("\"Topic :: Utilities\"")]
    public async Task Classify_PackageWithACommandThatSaysNoLibrary_IsACommandLine(string classifiers)
    {
        // Control: the same package whose authors call it a console tool (or say nothing) is its command.
        var result = await MemoryFiles.ClassifyAsync(PythonPackage(classifiers));

        Assert.Equal("cli", Assert.Single(result.Profile.Apps).Kind);
        Assert.Equal("cli", result.Profile.ServiceType);
    }
}
