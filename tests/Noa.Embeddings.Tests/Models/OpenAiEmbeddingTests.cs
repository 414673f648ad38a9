using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Noa.Embeddings.Models;
using Noa.Testing;

namespace Noa.Embeddings.Tests.Models;

/// <summary>A real HTTP round trip to a tiny server on 127.0.0.1 that answers like OpenAI's /v1/embeddings.</summary>
public sealed class OpenAiEmbeddingTests : IDisposable
{
    private readonly ScriptedJsonServer _server;
    private int _busyRefusals;

    public OpenAiEmbeddingTests() => _server = new ScriptedJsonServer(Answer);

    private Uri _baseUrl => _server.Endpoint;

    // Answers each input with [length, index, 1] and lists the data in reverse, as servers may.
    private ScriptedJsonServer.Answer Answer(ScriptedJsonServer.Request request)
    {
        var body = request.Body;
        var inputs = body["input"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        if (inputs.Contains("fail"))
            return new(500, """{"error":{"message":"model crashed"}}""");
        // "busy" is refused once (a model server still loading), with Retry-After: 0 so a retry need not wait.
        if (inputs.Contains("busy") && Interlocked.Increment(ref _busyRefusals) == 1)
            return new(503, """{"error":{"message":"model crashed"}}""") { Headers = new Dictionary<string, string> { ["Retry-After"] = "0" } };
        return new(200, JsonSerializer.Serialize(new
        {
            @object = "list",
            data = inputs.Select((t, i) => new { @object = "embedding", index = i, embedding = new float[] { t.Length, i, 1 } }).Reverse(),
            model = body["model"]!.GetValue<string>(),
            usage = new { prompt_tokens = inputs.Count * 2, total_tokens = inputs.Count * 2 },
        }));
    }

    private EmbeddingModel Create(int batchSize = 2, string? apiKey = null) => EmbeddingModels.Create(new EmbeddingModelSpec
    {
        Provider = EmbeddingProvider.OpenAiCompatible, Endpoint = _baseUrl, Model = "nomic-embed-text", BatchSize = batchSize, ApiKey = apiKey,
    });

    [Fact]
    public async Task Generate_FiveInputs_PostsBatchesToV1EmbeddingsAndKeepsInputOrder()
    {
        var model = Create(apiKey: "secret-token");
        using var generator = model.Generator;

        var result = await generator.GenerateAsync(["a", "bb", "ccc", "dddd", "eeeee"]);

        Assert.Equal([1f, 2f, 3f, 4f, 5f], result.Select(e => e.Vector.Span[0]));
        Assert.Equal(10, result.Usage?.InputTokenCount);
        Assert.Equal("openai-compatible:nomic-embed-text", model.ModelId);
        Assert.All(result, e => Assert.Equal("nomic-embed-text", e.ModelId));
        var requests = _server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(("/v1/embeddings", "Bearer secret-token", "nomic-embed-text"), (r.Path, r.Authorization, r.Body["model"]!.GetValue<string>())));
        Assert.Equal(["a", "bb"], requests[0].Body["input"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Generate_KeyInAFile_IsReadAtEachRequest()
    {
        // The shared OpenAI-compatible client (Noa.OpenAi) reads ApiKeyFile through SecretFile: a rotated key is sent next time.
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "first-key\n");
            using var generator = EmbeddingModels.Create(Spec() with { ApiKeyFile = file }).Generator;
            await generator.GenerateAsync(["a"]);
            File.WriteAllText(file, "rotated-key\n");
            await generator.GenerateAsync(["b"]);

            Assert.Equal(["Bearer first-key", "Bearer rotated-key"], _server.Requests.Select(r => r.Authorization));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Generate_ServerError_ThrowsWithStatusAndBody()
    {
        using var generator = Create().Generator;

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => generator.GenerateAsync(["ok", "fail"]));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("model crashed", error.Message);
    }

    [Fact]
    public async Task Generate_ThroughTheRegisteredClient_RetriesAServerThatIsBusyOnce()
    {
        using var services = new ServiceCollection().AddEmbeddingModelCache().BuildServiceProvider();
        var generator = services.GetRequiredService<EmbeddingModelCache>().Get(Spec());

        var result = await generator.Generator.GenerateAsync(["busy", "x"]);

        Assert.Equal([4f, 1f], result.Select(e => e.Vector.Span[0]));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Generate_WithoutTheResilienceHandler_FailsOnAServerThatIsBusyOnce()
    {
        // The control of the test above: the same server fails a bare client.
        using var generator = EmbeddingModels.Create(Spec()).Generator;

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => generator.GenerateAsync(["busy", "x"]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    private EmbeddingModelSpec Spec() => new() { Provider = EmbeddingProvider.OpenAiCompatible, Endpoint = _baseUrl, Model = "nomic-embed-text", BatchSize = 8 };

    public void Dispose() => _server.Dispose();
}
