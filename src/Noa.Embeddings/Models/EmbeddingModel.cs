using Microsoft.Extensions.AI;

namespace Noa.Embeddings.Models;

/// <summary>A ready generator and the id its vectors are stored under.</summary>
/// <param name="Generator">Embeds strings; dispose it when done (MiniLM holds an ONNX session).</param>
/// <param name="ModelId">Stable model id.</param>
public sealed record EmbeddingModel(IEmbeddingGenerator<string, Embedding<float>> Generator, string ModelId);
