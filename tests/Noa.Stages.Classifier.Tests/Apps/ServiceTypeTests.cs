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

    [Fact]
    public async Task Classify_BlazorWebAssemblyWithoutOutputType_IsAWebAppNotALibrary()
    {
        // dotnet-architecture/eShopOnWeb's BlazorAdmin: its SDK makes it an executable; it says no OutputType.
        var result = await MemoryFiles.ClassifyAsync(
            ("src/Admin/Admin.csproj", """<Project Sdk="Microsoft.NET.Sdk.BlazorWebAssembly"><ItemGroup><PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly" /></ItemGroup></Project>"""),
            ("src/Admin/Program.cs", "var builder = WebAssemblyHostBuilder.CreateDefault(args);\nbuilder.RootComponents.Add<App>(\"#admin\");\nawait builder.Build().RunAsync();\n"),
            ("src/Admin/App.razor", "<Router AppAssembly=\"@typeof(Program).Assembly\" />\n"),
            ("src/Admin/Pages/Items.razor", "@page \"/admin/items\"\n"));

        Assert.Equal("web-app", Assert.Single(result.Profile.Apps).Kind);
        Assert.Equal("frontend", result.Profile.ServiceType);
    }

    [Fact]
    public async Task Classify_RazorClassLibrary_IsALibrary()
    {
        // Control: Razor components in a Razor class library are components for other apps.
        var result = await MemoryFiles.ClassifyAsync(
            ("src/Ui/Ui.csproj", """<Project Sdk="Microsoft.NET.Sdk.Razor"><ItemGroup><PackageReference Include="Microsoft.AspNetCore.Components.Web" /></ItemGroup></Project>"""),
            ("src/Ui/Component1.razor", "<div class=\"my-component\">This component is defined in the Ui library.</div>\n"),
            ("src/Ui/ExampleJsInterop.cs", "namespace Ui;\npublic class ExampleJsInterop { }\n"));

        Assert.Equal("library", Assert.Single(result.Profile.Apps).Kind);
    }

    private static (string, string)[] WebHost(string program) =>
    [
        ("src/PaymentProcessor/PaymentProcessor.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><ProjectReference Include="..\EventBus\EventBus.csproj" /></ItemGroup></Project>"""),
        ("src/PaymentProcessor/Program.cs", program),
        ("src/PaymentProcessor/IntegrationEvents/OrderStockConfirmedHandler.cs", "public class OrderStockConfirmedHandler : IIntegrationEventHandler<OrderStockConfirmed> { }\n"),
    ];

    // dotnet/eShop's PaymentProcessor: Sdk.Web for the health endpoints Aspire probes, a RabbitMQ subscription for its work.
    private const string QueueConsumer = """
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddRabbitMqEventBus("EventBus")
            .AddSubscription<OrderStockConfirmed, OrderStockConfirmedHandler>();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.RunAsync();
        """;

    [Fact]
    public async Task Classify_WebHostThatMapsOnlyHealthChecks_IsAWorker()
    {
        var result = await MemoryFiles.ClassifyAsync(WebHost(QueueConsumer));

        var app = Assert.Single(result.Profile.Apps);
        Assert.Equal("worker", app.Kind);
        Assert.Contains(app.Evidence, e => e.Path == "src/PaymentProcessor/Program.cs" && e.Detail.Contains("handles no request", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("app.MapGet(\"/payments\", () => Results.Ok());\n")]
    [InlineData("app.MapPaymentsApi();\n")]
    [InlineData("app.MapControllers();\n")]
    [InlineData("app.MapGrpcService<PaymentService>();\n")]
    public async Task Classify_WebHostThatHandlesRequests_IsAService(string mapping)
    {
        // Control: the same host with one request handler of its own (an endpoint, its own Map… extension, controllers, gRPC).
        var result = await MemoryFiles.ClassifyAsync(WebHost(QueueConsumer.Replace("app.MapDefaultEndpoints();\n", "app.MapDefaultEndpoints();\n" + mapping, StringComparison.Ordinal)));

        Assert.Equal("service", Assert.Single(result.Profile.Apps).Kind);
        Assert.Equal("http-api", result.Profile.ServiceType);
    }
}
