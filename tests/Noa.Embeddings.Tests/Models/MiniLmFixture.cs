using Noa.Embeddings.Models;

namespace Noa.Embeddings.Tests.Models;

/// <summary>One loaded MiniLM per test class: loading the ONNX session takes about a second.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public EmbeddingModel Model { get; } = EmbeddingModels.Create(EmbeddingModelSpec.Default);

    public void Dispose() => Model.Generator.Dispose();
}
