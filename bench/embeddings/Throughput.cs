using System.Diagnostics;
using System.Numerics.Tensors;
using Noa.Embeddings.Models;

namespace Noa.Bench.Embeddings;

/// <summary>
/// Chunks/s of MiniLM on the same real chunks for the single-thread baseline and the batching variants. Variants run
/// round-robin, best run kept, so a burst of load from other jobs hits every variant alike; CPU seconds are counted
/// too, since wall time on a shared machine says as much about the neighbours as about the variant.
/// </summary>
internal static class Throughput
{
    /// <param name="Name">What the row measures.</param>
    /// <param name="BatchSize">Most inputs per call.</param>
    /// <param name="Parallelism">Calls in flight.</param>
    /// <param name="Threads">ONNX intra-op threads per call.</param>
    /// <param name="Sort">Length-sorted batches.</param>
    /// <param name="Budget">Padded tokens per call when sorting (int.MaxValue: fixed batch size).</param>
    /// <param name="Precision">Model weights.</param>
    public sealed record Variant(string Name, int BatchSize, int Parallelism, int Threads, bool Sort, int Budget,
        EmbeddingPrecision Precision = EmbeddingPrecision.Float32);

    /// <param name="PerSecond">Chunks per wall-clock second, best run.</param>
    /// <param name="PerCpuSecond">Chunks per CPU second of the process in that run.</param>
    /// <param name="MinCosine">Lowest cosine similarity to the baseline's vector of the same chunk.</param>
    public sealed record Result(Variant Variant, double PerSecond, double PerCpuSecond, double MinCosine);

    private const int Fixed = int.MaxValue;

    /// <summary>On code chunks; the first is the baseline.</summary>
    public static IReadOnlyList<Variant> Variants { get; } =
    [
        new("fp32, batch 1, 1 call at a time, 1 thread (baseline)", 1, 1, 1, false, Fixed),
        new("fp32, batch 1, 2 calls × 1 thread", 1, 2, 1, false, Fixed),
        new("fp32, batch 4 unsorted, 2 calls × 1 thread (previous default)", 4, 2, 1, false, Fixed),
        new("fp32, batch 16 unsorted, 2 calls × 1 thread", 16, 2, 1, false, Fixed),
        new("fp32, batch 4 sorted, 2 calls × 1 thread", 4, 2, 1, true, Fixed),
        new("fp32, batch 8 sorted, 2 calls × 1 thread", 8, 2, 1, true, Fixed),
        new("fp32, batch 16 sorted, 2 calls × 1 thread", 16, 2, 1, true, Fixed),
        new("fp32, batch 32 sorted, 2 calls × 1 thread", 32, 2, 1, true, Fixed),
        new("fp32, batch 16 sorted, 1 call × 2 intra-op threads", 16, 1, 2, true, Fixed),
        new("fp32, ≤ 32 sorted within 512 padded tokens, 2 calls × 1 thread (default batching, Precision = Float32)", 32, 2, 1, true, 512),
        new("fp32, ≤ 32 sorted within 1,024 padded tokens, 2 calls × 1 thread", 32, 2, 1, true, 1024),
        new("fp32, ≤ 32 sorted within 2,048 padded tokens, 2 calls × 1 thread", 32, 2, 1, true, 2048),
        new("int8, batch 1, 1 call at a time, 1 thread", 1, 1, 1, false, Fixed, EmbeddingPrecision.Int8),
        new("int8, batch 4 unsorted, 2 calls × 1 thread", 4, 2, 1, false, Fixed, EmbeddingPrecision.Int8),
        new("int8, batch 16 sorted, 2 calls × 1 thread", 16, 2, 1, true, Fixed, EmbeddingPrecision.Int8),
        new("int8, ≤ 32 sorted within 512 padded tokens, 2 calls × 1 thread (default)", 32, 2, 1, true, 512, EmbeddingPrecision.Int8),
    ];

    /// <summary>On short inputs (the queries), where a call's fixed cost weighs more.</summary>
    public static IReadOnlyList<Variant> ShortVariants { get; } =
    [
        new("fp32, batch 1, 1 call at a time, 1 thread (baseline)", 1, 1, 1, false, Fixed),
        new("fp32, batch 1, 2 calls × 1 thread", 1, 2, 1, false, Fixed),
        new("fp32, batch 4 sorted, 2 calls × 1 thread", 4, 2, 1, true, Fixed),
        new("fp32, ≤ 32 sorted within 512 padded tokens, 2 calls × 1 thread (default batching, Precision = Float32)", 32, 2, 1, true, 512),
        new("fp32, ≤ 32 sorted within 1,024 padded tokens, 2 calls × 1 thread", 32, 2, 1, true, 1024),
        new("fp32, ≤ 32 sorted within 2,048 padded tokens, 2 calls × 1 thread", 32, 2, 1, true, 2048),
    ];

    public static async Task<IReadOnlyList<Result>> MeasureAsync(IReadOnlyList<string> texts, IReadOnlyList<Variant> variants, int runs)
    {
        var wall = new double[variants.Count];
        var cpu = new double[variants.Count];
        var vectors = new float[variants.Count][][];
        Array.Fill(wall, double.MaxValue);
        for (var run = 0; run < runs; run++)
            for (var v = 0; v < variants.Count; v++)
            {
                var variant = variants[v];
                var spec = EmbeddingModelSpec.Default with { BatchSize = variant.BatchSize, Parallelism = variant.Parallelism, Precision = variant.Precision };
                using var generator = new MiniLmEmbeddingGenerator(spec, null, variant.Threads, variant.Sort, variant.Budget);
                await generator.GenerateAsync(texts.Take(8)); // warm-up: the first Run allocates its arenas
                var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                vectors[v] = [.. (await generator.GenerateAsync(texts)).Select(e => e.Vector.ToArray())];
                var seconds = clock.Elapsed.TotalSeconds;
                process.Refresh();
                if (seconds < wall[v])
                    (wall[v], cpu[v]) = (seconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
                Console.Error.WriteLine($"  run {run + 1}: {variant.Name}: {texts.Count / seconds:F1} chunks/s");
            }
        return [.. variants.Select((variant, v) => new Result(variant, texts.Count / wall[v], texts.Count / cpu[v],
            vectors[v].Select((x, i) => (double)TensorPrimitives.CosineSimilarity(x, vectors[0][i])).Min()))];
    }
}
