using System.Collections.Concurrent;

namespace Noa.Embeddings.Models;

/// <summary>
/// One loaded generator per model spec for the life of the process: loading MiniLM's ONNX session takes a second and
/// ~100 MB, so the stage and search share it. Thread-safe; disposes the generators with itself.
/// </summary>
public sealed class EmbeddingModelCache : IDisposable
{
    private readonly ConcurrentDictionary<EmbeddingModelSpec, Lazy<EmbeddingModel>> _models = new();
    private readonly HttpClient? _http;

    /// <param name="http">Client for OpenAI-compatible servers; each generator creates its own when null.</param>
    public EmbeddingModelCache(HttpClient? http = null) => _http = http;

    /// <summary>The generator for a spec, built on first use (see <see cref="EmbeddingModels.Create"/>).</summary>
    public EmbeddingModel Get(EmbeddingModelSpec spec) =>
        _models.GetOrAdd(spec, s => new Lazy<EmbeddingModel>(() => EmbeddingModels.Create(s, http: _http))).Value;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var model in _models.Values.Where(m => m.IsValueCreated))
            model.Value.Generator.Dispose();
        _models.Clear();
    }
}
