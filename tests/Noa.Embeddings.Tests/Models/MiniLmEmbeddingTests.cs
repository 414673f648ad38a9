using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Noa.Embeddings.Models;

namespace Noa.Embeddings.Tests.Models;

public sealed class MiniLmEmbeddingTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator = fixture.Model.Generator;

    [Fact]
    public async Task Generate_Sentence_384DimensionsUnitLength()
    {
        var vector = (await _generator.GenerateAsync(["Parse the configuration file and return its settings."]))[0].Vector.Span;

        Assert.Equal(384, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(TensorPrimitives.Dot(vector, vector)), 3);
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", fixture.Model.ModelId);
        Assert.Equal(384, _generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions);
    }

    [Fact]
    public async Task Generate_SimilarSentences_CloserThanUnrelatedOnes()
    {
        var v = await _generator.GenerateAsync([
            "def read_config(path): return yaml.safe_load(open(path))",
            "load settings from a YAML file",
            "the cat sat on the warm windowsill in the sun",
        ]);

        var related = TensorPrimitives.CosineSimilarity(v[0].Vector.Span, v[1].Vector.Span);
        var unrelated = TensorPrimitives.CosineSimilarity(v[0].Vector.Span, v[2].Vector.Span);
        Assert.True(related > unrelated + 0.2f, $"related {related:F3}, unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task Generate_SameInputsTwiceAndOneByOne_SameVectors()
    {
        string[] inputs = ["first text", "second, longer text that pads the batch", "third", "fourth one", "fifth"];
        var together = await _generator.GenerateAsync(inputs);
        var again = await _generator.GenerateAsync(inputs);

        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(together[i].Vector.ToArray(), again[i].Vector.ToArray());
            var alone = (await _generator.GenerateAsync([inputs[i]]))[0].Vector.Span;
            Assert.True(TensorPrimitives.CosineSimilarity(alone, together[i].Vector.Span) > 0.9999f, inputs[i]);
        }
    }

    [Fact]
    public async Task Generate_TabsAndNewlines_EmbeddedLikeSpaces()
    {
        var v = await _generator.GenerateAsync(["if x:\n\treturn total", "if x: return total"]);

        Assert.Equal(v[0].Vector.ToArray(), v[1].Vector.ToArray());
    }

    [Fact]
    public async Task Generate_ElevenInputs_ProgressReportedPerBatchUpToTheTotal()
    {
        // Float32: batches of up to BatchSize (Int8 gives every input a call of its own).
        var log = new ProgressLog();
        using var generator = EmbeddingModels.Create(EmbeddingModelSpec.Default with { BatchSize = 3, Precision = EmbeddingPrecision.Float32 }, log).Generator;

        var result = await generator.GenerateAsync(Enumerable.Range(1, 11).Select(i => $"input number {i}"));

        Assert.Equal(11, result.Count);
        Assert.Equal(4, log.Reports.Count);
        Assert.Equal(11, log.Reports.Max(r => r.Done));
        Assert.All(log.Reports, r => Assert.Equal(11, r.Total));
    }

    [Fact]
    public async Task Generate_Int8_OneCallPerInputWhateverTheBatchSize()
    {
        var log = new ProgressLog();
        using var generator = EmbeddingModels.Create(EmbeddingModelSpec.Default with { BatchSize = 3 }, log).Generator;

        var result = await generator.GenerateAsync(Enumerable.Range(1, 11).Select(i => $"input number {i}"));

        Assert.Equal(11, result.Count);
        Assert.Equal(11, log.Reports.Count);
    }
}
