using System.Text.Json;

namespace Noa.Stages.Graph.Tests;

/// <summary>The config surface with types and defaults: pydantic settings, Spring properties, @Value and
/// @ConfigurationProperties, appsettings.json with options bound to sections, dotenv files and Prisma.</summary>
public sealed class ConfigSurfaceTests
{
    private static async Task<Dictionary<string, JsonElement>> SettingsOf(params (string Path, string Content)[] files)
    {
        var artifacts = await StageHarness.DigestAsync(new MemorySourceTree(files));
        var kg = JsonDocument.Parse(artifacts.Files["kg.json"]).RootElement.Clone();
        return kg.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() is "env" or "config")
            .ToDictionary(n => n.GetProperty("id").GetString()!, n => n);
    }

    private static string? Prop(JsonElement node, string key) =>
        node.GetProperty("properties").TryGetProperty(key, out var v) ? v.GetString() : null;

    [Fact]
    public async Task Pydantic_BaseSettingsFields_AreEnvironmentVariablesWithTypeAndDefault()
    {
        var settings = await SettingsOf(
            ("app/config.py", "from pydantic_settings import BaseSettings, SettingsConfigDict\n\n" +
                "class Settings(BaseSettings):\n    model_config = SettingsConfigDict(env_prefix=\"APP_\")\n    database_url: str = \"sqlite:///x.db\"\n" +
                "    port: int = 8000\n    secret_key: str = \"changeme\"\n    debug: bool\n\n" +
                "class WorkerSettings(Settings):\n    queue: str = Field(default=\"jobs\")\n"));
        Assert.Equal(("str", "sqlite:///x.db"), (Prop(settings["env:APP_DATABASE_URL"], "type"), Prop(settings["env:APP_DATABASE_URL"], "default")));
        Assert.Equal(("int", "8000"), (Prop(settings["env:APP_PORT"], "type"), Prop(settings["env:APP_PORT"], "default")));
        Assert.Equal(("bool", null), (Prop(settings["env:APP_DEBUG"], "type"), Prop(settings["env:APP_DEBUG"], "default")));
        Assert.Equal("true", Prop(settings["env:APP_SECRET_KEY"], "secret"));
        Assert.Null(Prop(settings["env:APP_SECRET_KEY"], "default"));
        Assert.Equal("app/config.py:5", Prop(settings["env:APP_DATABASE_URL"], "declared"));
        Assert.Equal("jobs", Prop(settings["env:QUEUE"], "default")); // a subclass's own field: no prefix of its own
    }

    [Fact]
    public async Task Spring_PropertiesYamlValueAndConfigurationProperties()
    {
        var settings = await SettingsOf(
            ("src/main/resources/application.properties", "server.port=${PORT:8080}\nspring.datasource.password=${DB_PASSWORD:secret}\n"),
            ("src/main/resources/application-dev.yml", "app:\n  mail:\n    host: smtp.local\n"),
            ("src/main/java/x/Jwt.java", "package x;\nclass Jwt {\n  @Value(\"${jwt.ttl:3600}\")\n  private long ttl;\n}\n"),
            ("src/main/java/x/MailProperties.java", "package x;\n@ConfigurationProperties(prefix = \"app.mail\")\npublic class MailProperties {\n  private String host = \"localhost\";\n  private int retryCount;\n}\n"));
        Assert.Equal("${PORT:8080}", Prop(settings["config:server.port"], "default"));
        Assert.Equal(("8080", "integer"), (Prop(settings["env:PORT"], "default"), Prop(settings["env:PORT"], "type")));
        Assert.Equal("true", Prop(settings["env:DB_PASSWORD"], "secret"));
        Assert.Equal("smtp.local", Prop(settings["config:app.mail.host"], "default"));
        Assert.Equal("3600", Prop(settings["config:jwt.ttl"], "default"));
        Assert.Equal("int", Prop(settings["config:app.mail.retry-count"], "type"));
    }

    [Fact]
    public async Task DotNet_AppSettingsAndBoundOptions()
    {
        var settings = await SettingsOf(
            ("src/Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>"),
            ("src/Api/appsettings.json", "{\n  \"ConnectionStrings\": { \"Default\": \"Server=db;Password=p4ss\" },\n  \"Jwt\": { \"Issuer\": \"me\", \"Lifetime\": 60 }\n}\n"),
            ("src/Api/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.Configure<JwtOptions>(builder.Configuration.GetSection(\"Jwt\"));\nbuilder.Build().Run();\n"),
            ("src/Api/JwtOptions.cs", "public sealed class JwtOptions\n{\n    public string Issuer { get; set; } = \"noa\";\n    public int Lifetime { get; set; }\n    public string Audience { get; set; } = \"\";\n}\n"));
        Assert.Equal(("string", "me"), (Prop(settings["config:Jwt:Issuer"], "type"), Prop(settings["config:Jwt:Issuer"], "default")));
        Assert.Equal("Jwt__Lifetime", Prop(settings["config:Jwt:Lifetime"], "env"));
        Assert.Equal("string", Prop(settings["config:Jwt:Audience"], "type")); // from the options class alone
        Assert.Contains("IOptions JwtOptions", Prop(settings["config:Jwt:Audience"], "source"), StringComparison.Ordinal);
        Assert.Equal("true", Prop(settings["config:ConnectionStrings:Default"], "secret")); // a password in the value
    }

    [Fact]
    public async Task EnvReads_GuardedForBrowsers_AreReads_AndAssignmentsAreNot()
    {
        // gun's lib/multicast.js:7 `'false' === ''+(process.env||{}).MULTICAST`; maildev's example-sendmail.js:3 sets a variable.
        var settings = await SettingsOf(
            ("lib/core.js", "if ('false' === '' + (process.env || '').MULTICAST) { }\nvar dir = (process.env || {}).RAD_DIR;\n" +
                "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nprocess.env.HOST = process.env.HOST || 'localhost';\n"),
            ("src/app.ts", "const x = (process.env ?? {}).TS_GUARDED;\nprocess.env['TS_SET'] = '1';\n"),
            ("app.py", "import os\nos.environ[\"PY_SET\"] = \"1\"\nprint(os.environ[\"PY_READ\"])\n"));
        var env = settings.Keys.Where(k => k.StartsWith("env:", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        // HOST is read on the right of its own assignment; PY_READ is the control: a plain read.
        Assert.Equal(["env:HOST", "env:MULTICAST", "env:PY_READ", "env:RAD_DIR", "env:TS_GUARDED"], env);
    }

    [Fact]
    public async Task Dotenv_AndPrisma()
    {
        var settings = await SettingsOf(
            (".env.example", "# database\nDATABASE_URL=postgres://localhost/app\nAPI_TOKEN=changeme\nexport PORT=3000 # web\n"),
            ("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n"));
        Assert.Equal("postgres://localhost/app", Prop(settings["env:DATABASE_URL"], "default"));
        Assert.Equal(".env.example:2, prisma/schema.prisma:3", Prop(settings["env:DATABASE_URL"], "declared"));
        Assert.Equal("true", Prop(settings["env:API_TOKEN"], "secret"));
        Assert.Equal(("3000", "integer"), (Prop(settings["env:PORT"], "default"), Prop(settings["env:PORT"], "type")));
    }

    [Fact]
    public async Task Pydantic_ManyClassesSharingBaseNames_DecidedOnceEach()
    {
        // Django/Wagtail shape: many files define classes named alike whose bases are those names. Walking bases by
        // name without memory is exponential (19 candidates per level here); each class must be decided once.
        var files = Enumerable.Range(0, 20)
            .Select(i => ($"app{i}/models.py", "class Page(Page):\n    title: str = \"x\"\n\nclass Meta(Page, Meta):\n    pass\n"))
            .Append(("app/config.py", "from pydantic_settings import BaseSettings\n\nclass Base(BaseSettings):\n    pass\n\nclass Settings(Base):\n    port: int = 8000\n"))
            .ToArray();
        var settings = await SettingsOf(files);
        Assert.Equal("8000", Prop(settings["env:PORT"], "default")); // through a base of the source
        Assert.DoesNotContain("env:TITLE", settings.Keys); // Page is no settings class
    }
}
