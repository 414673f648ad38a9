namespace Noa.Abstractions;

/// <summary>A locally stored image.</summary>
public sealed record ImageInfo
{
    /// <summary>The image id: <c>sha256:</c> and the digest of its configuration, the same wherever it is stored.</summary>
    public required string Id { get; init; }

    /// <summary>Its names (<c>registry/repository:tag</c>).</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>The manifest digest it was pulled by or last pushed as, when known.</summary>
    public string? Digest { get; init; }

    /// <summary>What runs and how: entrypoint, command, environment, working directory, user, ports.</summary>
    public ImageConfig Config { get; init; } = new();

    /// <summary>Bytes of its layers, uncompressed.</summary>
    public long Size { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? Created { get; init; }
}
