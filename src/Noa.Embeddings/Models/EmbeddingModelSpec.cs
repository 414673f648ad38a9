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

    /// <summary>Bearer token, when the server wants one (<see cref="ApiKeyFile"/> keeps it out of the settings).</summary>
    public string? ApiKey { get; init; }

    /// <summary>A file holding the bearer token, read at every request (Noa.Credentials' <c>SecretFile</c>); wins over <see cref="ApiKey"/>.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>
    /// Most inputs per model call. MiniLM sorts inputs by token length and fills a call only while inputs × longest
    /// stays within 512 tokens, so this cap matters for short inputs (queries, one-liners: up to 32 per call, which
    /// bench/embeddings measured 1.7× faster than one at a time) while 256-token chunks still go 2 at a time (larger
    /// calls of long inputs measured slower per CPU second). At most 64 for MiniLM. MiniLM at
    /// <see cref="EmbeddingPrecision.Int8"/> embeds one input per call whatever this says, so that a vector depends on
    /// its text alone.
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Batches in flight at once; MiniLM gives each one ONNX thread, so 2 keeps two cores busy (measured faster than
    /// one batch at a time over two intra-op threads).
    /// </summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>
    /// Weights of the embedded MiniLM (<see cref="EmbeddingPrecision"/>); unset means <see cref="EmbeddingPrecision.Int8"/>
    /// (see <see cref="MiniLmPrecision"/>). OpenAI-compatible servers choose their own: setting it for one is an error.
    /// </summary>
    public EmbeddingPrecision? Precision { get; init; }

    /// <summary>
    /// The precision MiniLM runs at: <see cref="Precision"/>, else Int8. On bench/embeddings Int8 embeds code about twice
    /// as fast as Float32 at the same retrieval quality (docs/benchmarks.md), so it is the default.
    /// </summary>
    public EmbeddingPrecision MiniLmPrecision => Precision ?? EmbeddingPrecision.Int8;

    /// <summary>Every problem with the spec, named by field (empty when valid).</summary>
    public IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        var maxBatch = Provider == EmbeddingProvider.MiniLm ? 64 : 2048;
        if (BatchSize < 1 || BatchSize > maxBatch)
            errors.Add($"{prefix}:BatchSize must be 1–{maxBatch} (was {BatchSize}).");
        if (Parallelism < 1)
            errors.Add($"{prefix}:Parallelism must be at least 1 (was {Parallelism}).");
        if (Precision is { } p && !Enum.IsDefined(p))
            errors.Add($"{prefix}:Precision must be Float32 or Int8 (was {Precision}).");
        if (Provider == EmbeddingProvider.OpenAiCompatible)
        {
            if (Precision is not null)
                errors.Add($"{prefix}:Precision applies to the embedded MiniLM only; an OpenAI-compatible server chooses its own.");
            if (Endpoint is null || !Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https"))
                errors.Add($"{prefix}:Endpoint must be an absolute http(s) URL for an OpenAI-compatible model.");
            if (string.IsNullOrWhiteSpace(Model))
                errors.Add($"{prefix}:Model must name the server's embedding model.");
        }
        return errors;
    }
}
