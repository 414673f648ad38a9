using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Noa.Credentials;
using Noa.OpenAi;

namespace Noa.Embeddings.Models;

/// <summary>
/// An OpenAI-compatible embeddings endpoint: <c>POST {endpoint}/v1/embeddings</c> with <c>{"model", "input": [..]}</c>,
/// answered by <c>{"data": [{"index", "embedding"}], "usage": {"prompt_tokens"}}</c>. Ollama, vLLM and the llama.cpp
/// server speak it.
/// </summary>
internal sealed class OpenAiEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string Operation = "embeddings";
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly OpenAiServer _server;
    private readonly Uri _url;
    private readonly string _model;
    private readonly int _batchSize;
    private readonly IProgress<EmbeddingProgress>? _progress;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OpenAiEmbeddingGenerator(EmbeddingModelSpec spec, HttpClient? http, IProgress<EmbeddingProgress>? progress)
    {
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        _server = new OpenAiServer(_http, spec.Endpoint!, SecretFile.From(spec.ApiKeyFile, "Noa:Embeddings:…:ApiKeyFile"), spec.ApiKey);
        _url = _server.Url(Operation);
        _model = spec.Model!;
        _batchSize = spec.BatchSize;
        _progress = progress;
        _metadata = new EmbeddingGeneratorMetadata("openai-compatible", spec.Endpoint, _model);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToArray();
        var model = options?.ModelId ?? _model;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Length) { Usage = new UsageDetails { InputTokenCount = 0 } };
        for (var first = 0; first < inputs.Length; first += _batchSize)
        {
            var batch = inputs[first..Math.Min(inputs.Length, first + _batchSize)];
            var response = await PostAsync(model, batch, cancellationToken).ConfigureAwait(false);
            if (response.Data is not { } data || data.Count != batch.Length)
                throw new InvalidDataException($"{_url} returned {response.Data?.Count ?? 0} embeddings for {batch.Length} inputs.");
            var created = DateTimeOffset.UtcNow;
            result.AddRange(data.OrderBy(d => d.Index).Select(d => new Embedding<float>(d.Embedding) { ModelId = response.Model ?? model, CreatedAt = created }));
            result.Usage.InputTokenCount += response.Usage?.PromptTokens ?? 0;
            _progress?.Report(new EmbeddingProgress(first + batch.Length, inputs.Length, clock.Elapsed));
        }
        return result;
    }

    private Task<Response> PostAsync(string model, string[] batch, CancellationToken cancellationToken) =>
        _server.PostAsync<Request, Response>(Operation, new Request(model, batch), cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }

    private sealed record Request([property: JsonPropertyName("model")] string Model, [property: JsonPropertyName("input")] string[] Input);

    private sealed record Response(
        [property: JsonPropertyName("data")] List<Item>? Data,
        [property: JsonPropertyName("model")] string? Model,
        [property: JsonPropertyName("usage")] Usage? Usage);

    private sealed record Item([property: JsonPropertyName("index")] int Index, [property: JsonPropertyName("embedding")] float[] Embedding);

    private sealed record Usage([property: JsonPropertyName("prompt_tokens")] int PromptTokens);
}
