namespace Noa.Embeddings.Models;

/// <summary>Weights of the embedded MiniLM.</summary>
public enum EmbeddingPrecision
{
    /// <summary>The package's float32 model as it ships.</summary>
    Float32,

    /// <summary>
    /// Its matrix weights quantized to 8 bits per output column when loaded (dynamic quantization: activations are
    /// quantized per call). About twice as fast per core on code chunks, vectors within cosine ~0.99 of Float32 (retrieval
    /// quality measured by bench/embeddings, docs/benchmarks.md); a different model id, so its vectors never mix with
    /// Float32 ones. Activations are quantized with one scale per call, so a text's vector moves a little with its
    /// batch-mates (cosine ≥ 0.99 to its one-at-a-time vector for most inputs; ~0.96 for a one-token input batched with
    /// longer ones). The default (see <see cref="EmbeddingModelSpec.MiniLmPrecision"/>).
    /// </summary>
    Int8,
}
