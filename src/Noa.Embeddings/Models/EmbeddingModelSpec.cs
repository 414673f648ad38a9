namespace Noa.Embeddings.Models;

/// <summary>One embedding model: which provider, and how to reach and drive it.</summary>
public sealed record EmbeddingModelSpec
{
    /// <summary>The embedded MiniLM with its defaults.</summary>
    public static EmbeddingModelSpec Default { get; } = new();

    /// <summary>Provider.</summary>
    public EmbeddingProvider Provider { get; init; } = EmbeddingProvider.MiniLm;

    /// <summary>Base URL of an OpenAI-compatible server (<c>http://localhost:11434</c>); <c>/v1/embeddings</c> is appended.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Model name the server knows (<c>nomic-embed-text</c>); required for OpenAI-compatible servers.</summary>
    public string? Model { get; init; }

    /// <summary>Bearer token, when the server wants one.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Inputs per model call. MiniLM pads to the longest input: 1–4 is as fast as 16 and uses less memory.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Batches in flight at once; MiniLM gives each one ONNX thread, so 2 keeps two cores busy.</summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>Every problem with the spec, named by field (empty when valid).</summary>
    public IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        var maxBatch = Provider == EmbeddingProvider.MiniLm ? 4 : 2048;
        if (BatchSize < 1 || BatchSize > maxBatch)
            errors.Add($"{prefix}:BatchSize must be 1–{maxBatch} (was {BatchSize}).");
        if (Parallelism < 1)
            errors.Add($"{prefix}:Parallelism must be at least 1 (was {Parallelism}).");
        if (Provider == EmbeddingProvider.OpenAiCompatible)
        {
            if (Endpoint is null || !Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https"))
                errors.Add($"{prefix}:Endpoint must be an absolute http(s) URL for an OpenAI-compatible model.");
            if (string.IsNullOrWhiteSpace(Model))
                errors.Add($"{prefix}:Model must name the server's embedding model.");
        }
        return errors;
    }
}
