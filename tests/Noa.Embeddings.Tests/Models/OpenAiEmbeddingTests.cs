using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Noa.Embeddings.Models;

namespace Noa.Embeddings.Tests.Models;

/// <summary>A real HTTP round trip to a tiny server on 127.0.0.1 that answers like OpenAI's /v1/embeddings.</summary>
public sealed class OpenAiEmbeddingTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, string? Auth, JsonNode Body)> _requests = [];
    private readonly Uri _baseUrl;
    private int _busyRefusals;

    public OpenAiEmbeddingTests()
    {
        var port = FreePort();
        _baseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(_baseUrl.AbsoluteUri);
        _listener.Start();
        _ = ServeAsync();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    // Answers each input with [length, index, 1] and lists the data in reverse, as servers may.
    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            lock (_requests) _requests.Add((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body));
            var inputs = body["input"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
            // "busy" is refused once (a model server still loading), with Retry-After: 0 so a retry need not wait.
            var busy = inputs.Contains("busy") && Interlocked.Increment(ref _busyRefusals) == 1;
            var status = inputs.Contains("fail") ? 500 : busy ? 503 : 200;
            if (busy)
                context.Response.Headers["Retry-After"] = "0";
            var answer = status >= 500 ? """{"error":{"message":"model crashed"}}"""
                : JsonSerializer.Serialize(new
                {
                    @object = "list",
                    data = inputs.Select((t, i) => new { @object = "embedding", index = i, embedding = new float[] { t.Length, i, 1 } }).Reverse(),
                    model = body["model"]!.GetValue<string>(),
                    usage = new { prompt_tokens = inputs.Count * 2, total_tokens = inputs.Count * 2 },
                });
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
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
        lock (_requests)
        {
            Assert.Equal(3, _requests.Count);
            Assert.All(_requests, r => Assert.Equal(("/v1/embeddings", "Bearer secret-token", "nomic-embed-text"), (r.Path, r.Auth, r.Body["model"]!.GetValue<string>())));
            Assert.Equal(["a", "bb"], _requests[0].Body["input"]!.AsArray().Select(n => n!.GetValue<string>()));
        }
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

            lock (_requests)
                Assert.Equal(["Bearer first-key", "Bearer rotated-key"], _requests.Select(r => r.Auth));
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
        lock (_requests)
            Assert.Equal(2, _requests.Count);
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

    public void Dispose() => _listener.Close();
}
