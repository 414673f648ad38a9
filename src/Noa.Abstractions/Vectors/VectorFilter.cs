namespace Noa.Abstractions;

/// <summary>Restricts a search, listing or deletion; null fields match anything, set fields must all match.</summary>
public sealed record VectorFilter
{
    /// <summary>Only this source.</summary>
    public string? Source { get; init; }

    /// <summary>Only this run.</summary>
    public string? Run { get; init; }

    /// <summary>Only this language.</summary>
    public string? Language { get; init; }

    /// <summary>Only paths starting with this text (ordinal), e.g. <c>src/</c>.</summary>
    public string? PathPrefix { get; init; }

    /// <summary>Only this kind.</summary>
    public string? Kind { get; init; }

    /// <summary>Only this scope (<see cref="Profiles.FileScopes"/>, e.g. <c>product</c>, <c>test</c>).</summary>
    public string? Scope { get; init; }

    /// <summary>Only this tenant's chunks: what a caller who is not an admin may see.</summary>
    public string? Tenant { get; init; }

    /// <summary>Whether the metadata passes the filter.</summary>
    public bool Matches(ChunkMetadata metadata) =>
        (Source is null || metadata.Source == Source)
        && (Run is null || metadata.Run == Run)
        && (Language is null || metadata.Language == Language)
        && (PathPrefix is null || metadata.Path.StartsWith(PathPrefix, StringComparison.Ordinal))
        && (Kind is null || metadata.Kind == Kind)
        && (Scope is null || metadata.Scope == Scope)
        && (Tenant is null || metadata.Tenant == Tenant);

    /// <summary>Whether no field is set.</summary>
    public bool IsEmpty => Source is null && Run is null && Language is null && PathPrefix is null && Kind is null && Scope is null && Tenant is null;
}
