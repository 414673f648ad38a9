using Noa.Abstractions;
using Noa.Stages.Intake.Tests.Support;

namespace Noa.Stages.Intake.Tests;

public sealed class OpenApiIntakeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Theory]
    [InlineData("petstore-2.0.json", "2.0", "json", "Swagger Petstore", "1.0.0", 2, 3)]
    [InlineData("orders-3.0.yaml", "3.0", "yaml", "Orders API", "2.4.1", 2, 4)]
    [InlineData("webhooks-3.1.json", "3.1", "json", "Webhooks", "0.9", 1, 1)]
    public async Task ExecuteAsync_ValidDocument_RecordsItsFacts(string file, string version, string format, string title, string apiVersion, int paths, int operations)
    {
        using var run = await IntakeRun.ExecuteAsync(Fixture(file));

        run.AssertSucceeded();
        Assert.Equal([file], run.Paths);
        Assert.Equal(File.ReadAllText(Fixture(file)), run.Text(file));
        var provenance = run.Provenance;
        Assert.Equal("openApi", provenance.GetProperty("kind").GetString());
        var details = provenance.GetProperty("openApi");
        Assert.Equal(version, details.GetProperty("specVersion").GetString());
        Assert.Equal(format, details.GetProperty("format").GetString());
        Assert.Equal(title, details.GetProperty("title").GetString());
        Assert.Equal(apiVersion, details.GetProperty("apiVersion").GetString());
        Assert.Equal(paths, details.GetProperty("paths").GetInt32());
        Assert.Equal(operations, details.GetProperty("operations").GetInt32());
    }

    [Theory]
    [InlineData("no-info.yaml", "openapi: 3.0.3\npaths: {}\n", "info")]
    [InlineData("bad-path.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  pets:\n    get:\n      responses:\n        '200': {description: ok}\n", "pets")]
    [InlineData("syntax.json", "{ \"openapi\": \"3.1.0\", \"info\": { \"title\": ", "#")]
    [InlineData("no-responses.json", "{ \"swagger\": \"2.0\", \"info\": { \"title\": \"t\", \"version\": \"1\" }, \"paths\": { \"/a\": { \"get\": { } } } }", "responses")]
    public async Task ExecuteAsync_InvalidDocument_IsRefusedWithDiagnostics(string name, string content, string mentioned)
    {
        var file = _temp.Write(name, content);

        using var run = await IntakeRun.ExecuteAsync(file, kind: SourceKind.OpenApi);

        run.AssertRefused($"'{name}'", mentioned);
        Assert.Contains("#", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_BillionLaughsYaml_IsRefusedBeforeParsing()
    {
        var file = _temp.Write("laughs.yaml", BillionLaughs.Document("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"));

        using var run = await IntakeRun.ExecuteAsync(file);

        run.AssertRefused("laughs.yaml", "alias");
    }

    [Fact]
    public async Task ExecuteAsync_ExternalReference_IsNeverFetched()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var file = _temp.Write("ext.yaml",
            $"openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          $ref: 'http://127.0.0.1:{port}/r.yaml#/R'\n");

        using var run = await IntakeRun.ExecuteAsync(file, new IntakeOptions { AllowPrivateNetworks = true });

        // Accepted with the reference unresolved, or refused: either way no connection was made.
        Assert.False(listener.Pending(), "the OpenAPI reader fetched an external reference");
    }

    [Fact]
    public async Task ExecuteAsync_YamlOverConfiguredNodeLimit_IsRefused()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "orders-3.0.yaml");

        using var run = await IntakeRun.ExecuteAsync(file, new IntakeOptions { MaxYamlNodes = 20 });

        run.AssertRefused("more than 20 nodes once its aliases are expanded");
    }
}
