using System.Diagnostics;
using Noa.Embeddings.Models;
using Noa.Embeddings.Tests.Chunking;
using Xunit.Abstractions;

namespace Noa.Embeddings.Tests.Models;

/// <summary>
/// Measures MiniLM chunks/s on real code chunks (Flask, chunked from the Graph stage's kg.json) for three ways of
/// using the two cores, and prints them; the numbers are reported, not asserted, since CI machines differ.
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

        var oneAtATime = EmbeddingModelSpec.Default with { Parallelism = 1 };
        foreach (var (name, spec, threads) in new (string, EmbeddingModelSpec, int?)[]
        {
            ("1 batch at a time, 1 ONNX thread (baseline)", oneAtATime, 1),
            ("1 batch at a time, intra-op threads on every core", oneAtATime, null),
            ("2 batches concurrently, 1 ONNX thread each (default)", EmbeddingModelSpec.Default, null),
        })
        {
            var log = new ProgressLog();
            using var generator = new MiniLmEmbeddingGenerator(spec, log, threads);
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
