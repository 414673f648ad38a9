using System.Diagnostics;
using Noa.Embeddings.Models;
using Noa.Embeddings.Tests.Chunking;

namespace Noa.Embeddings.Tests.Models;

/// <summary>
/// Measures MiniLM chunks/s on real code chunks (Flask, chunked from the Graph stage's kg.json) for the single-thread
/// baseline and ways of using the two cores, and prints them (bench/embeddings measures more); the numbers are
/// reported, not asserted, since CI machines differ.
/// </summary>
public sealed class ThroughputTests(CorpusDigest corpus, ITestOutputHelper output) : IClassFixture<CorpusDigest>
{
    private const int Count = 200;

    [Fact]
    public async Task Generate_200RealCodeChunks_AllEmbeddedAndRatePrinted()
    {
        if (await corpus.GetAsync() is not var (_, _, result))
            return;
        var texts = result.Chunks.OrderByDescending(c => c.TokenCount).Take(Count).Select(c => c.Text).ToList();
        output.WriteLine($"{texts.Count} chunks, mean {result.Chunks.OrderByDescending(c => c.TokenCount).Take(Count).Average(c => c.TokenCount):F0} tokens");

        var baseline = EmbeddingModelSpec.Default with { BatchSize = 1, Parallelism = 1 };
        var int8 = EmbeddingModelSpec.Default with { Precision = EmbeddingPrecision.Int8 };
        foreach (var (name, spec, threads, sort) in new (string, EmbeddingModelSpec, int?, bool)[]
        {
            ("batch 1, 1 call at a time, 1 ONNX thread (baseline)", baseline, 1, false),
            ("length-sorted batches, 1 call at a time, intra-op threads on every core", EmbeddingModelSpec.Default with { Parallelism = 1 }, null, true),
            ("length-sorted batches, 2 calls at a time, 1 ONNX thread each (default)", EmbeddingModelSpec.Default, null, true),
            ("int8, length-sorted batches, 2 calls at a time", int8, null, true),
        })
        {
            var log = new ProgressLog();
            using var generator = new MiniLmEmbeddingGenerator(spec, log, threads, sort);
            var clock = Stopwatch.StartNew();
            var vectors = await generator.GenerateAsync(texts);
            clock.Stop();
            Assert.Equal(texts.Count, vectors.Count);
            Assert.All(vectors, v => Assert.Equal(384, v.Vector.Length));
            Assert.Equal(texts.Count, log.Reports.Max(r => r.Done));
            output.WriteLine($"{name}: {texts.Count / clock.Elapsed.TotalSeconds:F1} chunks/s");
        }
    }
}
