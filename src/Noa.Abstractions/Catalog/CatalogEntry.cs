namespace Noa.Abstractions;

/// <summary>
/// One published run in the catalogue: what was digested (source, tree, commit), where its bundle is, and the facts a reader
/// filters on (languages, frameworks, service types, licences, the safety verdict), as the Registrar read them from the run's
/// artifacts when it published the bundle. One row per run; recording a run again replaces its row.
/// </summary>
public sealed record CatalogEntry
{
    /// <summary>The run.</summary>
    public required string RunId { get; init; }

    /// <summary>The tenant the run belongs to.</summary>
    public required string Tenant { get; init; }

    /// <summary>The source locator as Intake recorded it (redacted: never credentials).</summary>
    public required string Source { get; init; }

    /// <summary>The source's short name as in the bundle's repository (host and path of a URL, a folder's name; e.g. <c>github-com-owner-repo</c>).</summary>
    public required string SourceName { get; init; }

    /// <summary>The source tree's digest (<c>sha256:…</c>).</summary>
    public required string TreeHash { get; init; }

    /// <summary>The git commit, when the source is a git repository.</summary>
    public string? Commit { get; init; }

    /// <summary>The bundle's reference (<c>repository:tag</c>).</summary>
    public required string Reference { get; init; }

    /// <summary>The bundle manifest's digest.</summary>
    public required string Digest { get; init; }

    /// <summary>Where the bundle is (the bundle store's location).</summary>
    public required string Store { get; init; }

    /// <summary>Languages by bytes, largest first (the Classifier's).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Frameworks of the repository's own code (the Classifier's).</summary>
    public IReadOnlyList<string> Frameworks { get; init; } = [];

    /// <summary>Service types, the primary one first.</summary>
    public IReadOnlyList<string> ServiceTypes { get; init; } = [];

    /// <summary>SPDX licence ids of the source (licence files and declared licences), sorted.</summary>
    public IReadOnlyList<string> Licenses { get; init; } = [];

    /// <summary>The safety verdict: pass, warn or fail; null when the run had no safety report.</summary>
    public string? Verdict { get; init; }

    /// <summary>The zipped deliverable in the object store, when one was uploaded.</summary>
    public CatalogDeliverable? Deliverable { get; init; }

    /// <summary>When the run was created (the catalogue's order: newest first).</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
