namespace Noa.Safety.Sbom;

/// <summary>One third-party package the project depends on, once per package URL.</summary>
public sealed record Component
{
    /// <summary>The purl type: npm, pypi, golang, cargo, maven, nuget, gem, composer.</summary>
    public required string Ecosystem { get; init; }

    /// <summary>The npm scope, Maven group, Go module prefix or Composer vendor, when there is one.</summary>
    public string? Namespace { get; init; }

    public required string Name { get; init; }

    /// <summary>The exact version, or null when the manifest gives only a range (<see cref="Requirement"/>).</summary>
    public string? Version { get; init; }

    /// <summary>The unpinned requirement (<c>&gt;=2.0</c>) when there is no exact version.</summary>
    public string? Requirement { get; init; }

    /// <summary>The package URL, also the component's reference in dependency edges.</summary>
    public required string Purl { get; init; }

    public ComponentScope Scope { get; init; }

    /// <summary>True when the project itself names the package (not only through another package).</summary>
    public bool Direct { get; init; }

    public IReadOnlyList<ComponentHash> Hashes { get; init; } = [];

    public DeclaredLicense? License { get; init; }

    /// <summary>The lockfile or manifest the component was read from.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Every lockfile and manifest that names the component, sorted: a package declared in a manifest and pinned in
    /// the lockfile beside it is one component with both files (and the lockfile's version).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The name as the ecosystem writes it with its namespace (<c>@types/node</c>, <c>org.slf4j:slf4j-api</c>).</summary>
    public string FullName => Namespace is null ? Name : Ecosystem switch
    {
        "maven" => $"{Namespace}:{Name}",
        _ => $"{Namespace}/{Name}",
    };
}
