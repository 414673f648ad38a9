using Noa.Abstractions;
using Noa.Stages.Intake.Tests.Support;

namespace Noa.Stages.Intake.Tests;

public sealed class ModelListIntakeTests : IDisposable
{
    private const string Sha = "6fd5d72fe4589f189f8ebc006442dbb529bb7ce38f8082112682524616046452";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ExecuteAsync_ValidYamlList_RecordsEveryModel()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "models.yaml");

        using var run = await IntakeRun.ExecuteAsync(file);

        run.AssertSucceeded();
        Assert.Equal(["models.yaml"], run.Paths);
        var list = run.Provenance.GetProperty("modelList");
        Assert.Equal(2, list.GetProperty("count").GetInt32());
        var second = list.GetProperty("models")[1];
        Assert.Equal("tiny-llama", second.GetProperty("name").GetString());
        Assert.Equal("gguf", second.GetProperty("format").GetString());
        Assert.Equal("9fe8b2b4a5c1e0d3f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4", second.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_ValidJsonList_RedactsCredentialsInSources()
    {
        var file = _temp.Write("models.json",
            $$"""{ "models": [ { "name": "m", "source": "https://user:pw@models.example.com/m.onnx?token=abc&rev=2", "format": "ONNX", "sha256": "{{Sha}}" } ] }""");

        using var run = await IntakeRun.ExecuteAsync(file);

        run.AssertSucceeded();
        var source = run.Provenance.GetProperty("modelList").GetProperty("models")[0].GetProperty("source").GetString();
        Assert.Equal("https://***@models.example.com/m.onnx?token=***&rev=2", source);
    }

    [Fact]
    public async Task ExecuteAsync_InvalidEntries_ListsEveryErrorWithItsIndex()
    {
        var file = _temp.Write("models.yaml", $"""
            models:
              - name: ok
                source: https://example.com/ok.onnx
                format: onnx
                sha256: {Sha}
              - name: ""
                source: ftp://example.com/x
                format: keras3000
                sha256: 1234
              - source: ./local.gguf
                format: gguf
                sha256: {Sha}
              - name: ok
                source: weights.bin
                format: other
                sha256: {Sha}
              - just a string
            """);

        using var run = await IntakeRun.ExecuteAsync(file);

        run.AssertRefused(
            "models[1].name: must not be empty",
            "models[1].source: the scheme 'ftp'",
            "models[1].format: 'keras3000'",
            "models[1].sha256: '1234' is not 64 hex digits",
            "models[2].name: is required",
            "models[3].name: 'ok' repeats models[0]",
            "models[4]: must be an object");
    }

    [Theory]
    [InlineData("models.json", "{ \"models\": 3 }", "no top-level 'models' list")]
    [InlineData("models.json", "{ \"models\": [ { \"name\": \"m\", \"source\": \"s\", \"format\": \"onnx\", \"sha256\": 7 } ] }", "models[0].sha256: must be a string")]
    [InlineData("models.yaml", "models: []\n", "the list is empty")]
    [InlineData("models.yaml", "models:\n  - name: [unclosed\n", "not valid YAML at line")]
    public async Task ExecuteAsync_MalformedList_IsRefused(string name, string content, string message)
    {
        var file = _temp.Write(name, content);

        using var run = await IntakeRun.ExecuteAsync(file, kind: SourceKind.ModelList);

        run.AssertRefused(message);
    }

    [Fact]
    public async Task ExecuteAsync_BillionLaughsModelList_IsRefused()
    {
        var file = _temp.Write("models.yaml", BillionLaughs.Document("models: []\n"));

        using var run = await IntakeRun.ExecuteAsync(file, kind: SourceKind.ModelList);

        run.AssertRefused("alias");
    }
}
