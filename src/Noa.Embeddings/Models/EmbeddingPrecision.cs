namespace Noa.Embeddings.Models;

/// <summary>Weights of the embedded MiniLM.</summary>
public enum EmbeddingPrecision
{
    /// <summary>The package's float32 model as it ships.</summary>
    Float32,

    /// <summary>
    /// Its matrix weights quantized to 7 bits per output column (prepared once at build time, else when loaded); activations
    /// are quantized per call, and every input is a call of its own, so a text's vector depends on that text alone
    /// (not on what else is embedded with it) and is the same on every x86-64 CPU (see <see cref="MiniLmQuantizer"/>).
    /// About twice as fast per core as Float32 on code chunks, vectors within cosine ~0.99 of Float32 at the same retrieval
    /// quality (bench/embeddings, docs/benchmarks.md); a different model id, so its vectors never mix with Float32 ones.
    /// The default (see <see cref="EmbeddingModelSpec.MiniLmPrecision"/>).
    /// </summary>
    Int8,
}
