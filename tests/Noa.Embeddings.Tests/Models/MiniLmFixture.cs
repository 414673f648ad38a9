using Noa.Embeddings.Models;

namespace Noa.Embeddings.Tests.Models;

/// <summary>One loaded MiniLM per test class: loading the ONNX session takes about a second.</summary>
public sealed class MiniLmFixture : IDisposable
{
    // Float32: these tests check exact properties of the package's model (Int8 has its own tests in MiniLmBatchingTests).
    public EmbeddingModel Model { get; } = EmbeddingModels.Create(EmbeddingModelSpec.Default with { Precision = EmbeddingPrecision.Float32 });

    public void Dispose() => Model.Generator.Dispose();
}
