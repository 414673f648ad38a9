namespace Noa.Embeddings.Models;

/// <summary>Which model embeds which kind of content (<c>Noa:Embeddings</c>).</summary>
public sealed record EmbeddingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Noa:Embeddings";

    /// <summary>Used for every kind without its own model.</summary>
    public EmbeddingModelSpec Default { get; init; } = EmbeddingModelSpec.Default;

    /// <summary>Model for code, when it differs from the default.</summary>
    public EmbeddingModelSpec? Code { get; init; }

    /// <summary>Model for docs and config, when it differs from the default.</summary>
    public EmbeddingModelSpec? Docs { get; init; }

    /// <summary>Every problem in the options (empty when valid).</summary>
    public IReadOnlyList<string> Validate() =>
    [
        .. Default.Validate($"{Section}:Default"),
        .. Code?.Validate($"{Section}:Code") ?? [],
        .. Docs?.Validate($"{Section}:Docs") ?? [],
    ];
}
