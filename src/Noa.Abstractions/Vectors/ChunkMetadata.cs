namespace Noa.Abstractions;

/// <summary>Where a chunk came from and how it was embedded. Empty strings stand for "not known".</summary>
public sealed record ChunkMetadata
{
    /// <summary>The digested source, e.g. a repository URL or an upload id.</summary>
    public string Source { get; init; } = "";

    /// <summary>The run that embedded the chunk.</summary>
    public string Run { get; init; } = "";

    /// <summary>The language, e.g. <c>python</c>, <c>markdown</c>.</summary>
    public string Language { get; init; } = "";

    /// <summary>The file path inside the source, with forward slashes.</summary>
    public string Path { get; init; } = "";

    /// <summary>What the chunk is, e.g. <c>function</c>, <c>class</c>, <c>section</c>, <c>config</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The symbol the chunk defines, e.g. <c>Parser.parse_config</c>.</summary>
    public string Symbol { get; init; } = "";

    /// <summary>What the chunk's file is to the software, as the Classifier's <c>files.json</c> says
    /// (<see cref="Profiles.FileScopes"/>: product, test, documentation, example …); empty when not known.</summary>
    public string Scope { get; init; } = "";

    /// <summary>The first line (1-based).</summary>
    public int StartLine { get; init; }

    /// <summary>The last line (1-based, inclusive).</summary>
    public int EndLine { get; init; }

    /// <summary>The sha256 of the chunk's text as embedded.</summary>
    public string ContentHash { get; init; } = "";

    /// <summary>The embedding model's id.</summary>
    public string Model { get; init; } = "";

    /// <summary>Who owns the chunk: the tenant of the run that embedded it (<see cref="Tenants"/>).</summary>
    public string Tenant { get; init; } = Tenants.Local;
}
