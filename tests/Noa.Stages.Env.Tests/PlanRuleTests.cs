using Noa.Abstractions;
using Noa.Stages.Env.Planning;

namespace Noa.Stages.Env.Tests;

/// <summary>The plan rules that the hand-checked reference of bench/env showed missing on real applications, each on a small
/// hand-written repository beside a control that must keep its old answer.</summary>
public sealed class PlanRuleTests
{
    private const string FlaskApp = """
        import os

        import sqlalchemy
        from flask import Flask

        app = Flask(__name__)
        DATABASE_URL = os.environ.get("DATABASE_URL",
                                      "unset")
        engine = sqlalchemy.create_engine(DATABASE_URL)


        @app.get("/")
        def index():
            with engine.connect() as conn:
                return str(conn.execute(sqlalchemy.text("select 1")).scalar())
        """;

    private static MemorySourceTree Flask(string procfile, string requirements, string app = FlaskApp) => new(
        ("requirements.txt", requirements), ("Procfile", procfile), ("app.py", app));

    [Fact]
    public async Task GunicornWithoutBind_ListensOnItsOwnDefault8000_AndIsBoundToEveryInterface()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(Flask("web: gunicorn app:app\n", "flask==3.0.0\nsqlalchemy==2.0.30\ngunicorn==21.2.0\n"));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(("8000", "port.server-default:gunicorn"), (app.Port.Value, app.Port.Rule));
        Assert.Equal("gunicorn --bind 0.0.0.0:8000 app:app", app.Start.Value);
    }

    [Fact]
    public async Task GunicornWithItsOwnBind_KeepsIt_Control()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(Flask("web: gunicorn -b 0.0.0.0:7000 app:app\n", "flask==3.0.0\nsqlalchemy==2.0.30\ngunicorn==21.2.0\n"));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(("7000", "port.start-command"), (app.Port.Value, app.Port.Rule));
        Assert.Equal("gunicorn -b 0.0.0.0:7000 app:app", app.Start.Value);
    }

    [Fact]
    public async Task SqlStore_DriverOnlyInRequirements_IsPostgres()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(Flask("web: gunicorn app:app\n", "flask==3.0.0\nsqlalchemy==2.0.30\npsycopg2-binary==2.9.9\n"));

        var store = Assert.Single(EnvHarness.App(plan, ".").Stores);
        Assert.Equal("postgres", store.Kind);
        Assert.Contains("requirements.txt:3", store.Evidence);
    }

    [Fact]
    public async Task SqlStore_SqliteUrlBesideTheRead_IsNoService_AndWithoutAnyHintStaysSql_Control()
    {
        var sqlite = FlaskApp.Replace("\"unset\"", "\"sqlite:///\" + os.path.join(\"/data\", \"app.db\")", StringComparison.Ordinal);
        var (_, _, withSqlite) = await EnvHarness.RunAsync(Flask("web: gunicorn app:app\n", "flask==3.0.0\nsqlalchemy==2.0.30\n", sqlite));
        Assert.Empty(EnvHarness.App(withSqlite, ".").Stores);

        var (_, _, unknown) = await EnvHarness.RunAsync(Flask("web: gunicorn app:app\n", "flask==3.0.0\nsqlalchemy==2.0.30\n"));
        Assert.Equal("sql", Assert.Single(EnvHarness.App(unknown, ".").Stores).Kind);
    }

    [Fact]
    public async Task PortFallbackChain_TakesTheLiteralAtItsEnd()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", """{ "name": "s", "version": "1.0.0", "main": "app.js", "scripts": { "start": "node app.js" }, "dependencies": { "express": "^4.19.2" } }"""),
            ("app.js", """
                const express = require('express');
                const app = express();
                app.set('port', process.env.PORT || process.env.OPENSHIFT_NODEJS_PORT || 8080);
                app.get('/', (req, res) => res.send('ok'));
                app.listen(app.get('port'));
                """)));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("8080", app.Env.Single(e => e.Name == "PORT").Default);
        Assert.Equal(("8080", "port.env-default"), (app.Port.Value, app.Port.Rule));
    }

    [Fact]
    public async Task ReadmeScaffoldCommand_IsNoStartCommand_PackageStartIs()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("README.md", "# Boilerplate\n\n## Quick start\n\n```bash\nnpx create-nodejs-express-app <project-name>\n```\n"),
            ("package.json", """{ "name": "s", "version": "1.0.0", "main": "src/index.js", "scripts": { "start": "node src/index.js" }, "dependencies": { "express": "^4.19.2" } }"""),
            ("src/index.js", "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\napp.listen(3000);\n")));

        Assert.Equal("npm start", EnvHarness.App(plan, ".").Start.Value);
        Assert.True(CommandRules.IsDevelopment("npx create-nodejs-express-app <project-name>"));
        Assert.False(CommandRules.IsDevelopment("node src/index.js"));
    }

    [Fact]
    public async Task ListenAddressOutsideTheEntryFile_GivesThePort()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("Cargo.toml", "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\naxum = \"0.6\"\ntokio = { version = \"1\", features = [\"full\"] }\n"),
            ("src/main.rs", "mod http;\n\n#[tokio::main]\nasync fn main() {\n    http::serve().await;\n}\n"),
            ("src/http.rs", "pub async fn serve() {\n    let app = axum::Router::new();\n    axum::Server::bind(&\"0.0.0.0:8085\".parse().unwrap()).serve(app.into_make_service()).await.unwrap();\n}\n")));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(("8085", "port.listen-literal"), (app.Port.Value, app.Port.Rule));
        Assert.Contains("src/http.rs:3", app.Port.Evidence);
    }

    [Fact]
    public async Task JavaDriverInGradle_SqliteJdbcIsNoService_PostgresDriverIsPostgres()
    {
        static MemorySourceTree Spring(string driver) => new(
            ("build.gradle", $"plugins {{ id 'org.springframework.boot' version '3.2.0' }}\ndependencies {{\n    implementation 'org.springframework.boot:spring-boot-starter-jdbc'\n    implementation '{driver}'\n}}\n"),
            ("src/main/java/demo/App.java", """
                package demo;

                import javax.sql.DataSource;
                import org.springframework.boot.SpringApplication;
                import org.springframework.boot.autoconfigure.SpringBootApplication;

                @SpringBootApplication
                public class App {
                    public static void main(String[] args) { SpringApplication.run(App.class, args); }
                    int count(DataSource ds) throws Exception { return ds.getConnection().createStatement().executeQuery("select 1").getInt(1); }
                }
                """));

        var (_, _, sqlite) = await EnvHarness.RunAsync(Spring("org.xerial:sqlite-jdbc:3.36.0.3"));
        Assert.Empty(sqlite.Apps.SelectMany(a => a.Stores));
        var (_, _, postgres) = await EnvHarness.RunAsync(Spring("org.postgresql:postgresql:42.7.3"));
        Assert.Equal("postgres", Assert.Single(postgres.Apps.SelectMany(a => a.Stores)).Kind);
    }

    [Theory]
    [InlineData("github.com/acme/shop", "github-com-acme-shop")]
    [InlineData("CleanArchitecture.Web", "cleanarchitecture-web")]
    [InlineData("api", "api")]
    public void KubernetesNames_AreDnsLabels(string app, string expected) =>
        Assert.Equal(expected, Noa.Stages.Env.Files.KubernetesWriter.Name(app));

    [Fact]
    public async Task AspNetConfigurationKeys_AreEnvironmentVariables_SpelledWithDoubleUnderscores()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>\n"),
            ("Api/Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                var vault = builder.Configuration["KEY_VAULT_ENDPOINT"];
                var issuer = builder.Configuration["Jwt:Issuer"];
                var app = builder.Build();
                app.MapGet("/", () => vault + issuer);
                app.Run();
                """)));

        var names = plan.Apps.SelectMany(a => a.Env).Select(e => e.Name).ToList();
        Assert.Contains("KEY_VAULT_ENDPOINT", names);
        Assert.Contains("Jwt__Issuer", names);
        Assert.DoesNotContain("Jwt:Issuer", names); // the control: no name with a colon reaches .env.example
    }

    private static readonly PackageRegistry Apt = new("apt", new Uri("http://deb.debian.org/debian"), "/etc/apt/sources.list.d/debian.sources");

    private static readonly PackageRegistry PyPi = new("pip", new Uri("https://pypi.org/simple"), "PIP_INDEX_URL");

    [Fact]
    public async Task PythonRequirements_WithoutAPipIndex_AreDebianPackagesInstalledInTheRunStage()
    {
        var tree = new MemorySourceTree(("requirements.txt", "flask==3.0.0\ngunicorn==21.2.0\n"), ("requirements/prod.txt", "-r ../requirements.txt\npsycopg2\n"),
            ("Procfile", "web: gunicorn app:app\n"), ("app.py", FlaskApp));

        var (_, artifacts, plan) = await EnvHarness.RunAsync(tree, options: new EnvOptions { Verify = false, Registries = [Apt] });

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(DebianPython.Rule, app.Install.Rule);
        Assert.Contains(app.Install.Evidence, e => e.Contains("/etc/apt/sources.list.d/debian.sources", StringComparison.Ordinal));
        Assert.Contains("--imports /app", app.Install.Evidence.Last(), StringComparison.Ordinal);
        var dockerfile = Dockerfile(artifacts);
        Assert.DoesNotContain("pip install", dockerfile);
        Assert.Contains("RUN python -m venv --system-site-packages /venv\n", dockerfile);
        // In the run stage, as root (before USER), with every manifest the script reads where it reads it.
        var run = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        Assert.Contains("COPY requirements.txt /tmp/noa-deps/requirements.txt\nCOPY requirements/prod.txt /tmp/noa-deps/requirements/prod.txt\n", run);
        Assert.Contains("COPY env/debian_python.py /tmp/noa-deps/debian_python.py\nRUN cd /tmp/noa-deps && apt-get update && python3 debian_python.py --install", run);
        Assert.True(run.IndexOf("debian_python.py --install", StringComparison.Ordinal) < run.IndexOf("\nUSER ", StringComparison.Ordinal));
        Assert.Contains("--install", artifacts.Text("env/debian_python.py"));
        // hadolint's rules hold (apt lists removed after apt-get update); only the pin, which needs images.lock, is left.
        Assert.All(EnvHarness.Json(artifacts, "env/checks.json").GetProperty("findings").EnumerateArray(), f => Assert.Equal("NOA002", f.GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task PythonRequirements_WithAPipIndex_ArePipInstalledInTheBuildStage_Control()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(Flask("web: gunicorn app:app\n", "flask==3.0.0\ngunicorn==21.2.0\n"),
            options: new EnvOptions { Verify = false, Registries = [PyPi, Apt] });

        Assert.Equal(("pip install --no-cache-dir -r requirements.txt", "install.requirements"), (EnvHarness.App(plan, ".").Install.Value, EnvHarness.App(plan, ".").Install.Rule));
        Assert.Contains("RUN python -m venv /venv\n", Dockerfile(artifacts));
        Assert.DoesNotContain("env/debian_python.py", artifacts.Files.Keys);
    }

    private static string Dockerfile(MemoryArtifacts artifacts) => artifacts.Text(Assert.Single(artifacts.Files.Keys, k => k.EndsWith("/Dockerfile", StringComparison.Ordinal)));
}
