namespace Noa.Abstractions;

/// <summary>A request to digest one source.</summary>
public sealed record DigestRequest
{
    /// <summary>Path, URL or git locator of the source.</summary>
    public required string Source { get; init; }

    /// <summary>The kind of source; detected from <see cref="Source"/> when null.</summary>
    public SourceKind? Kind { get; init; }

    /// <summary>Git branch or tag to check out.</summary>
    public string? Ref { get; init; }

    /// <summary>Git commit to check out.</summary>
    public string? Commit { get; init; }

    /// <summary>Git clone depth; null for the full history.</summary>
    public int? Depth { get; init; }

    /// <summary>Whether to recurse into git submodules (off by default).</summary>
    public bool Submodules { get; init; }

    /// <summary>Only these stages (and what they need) run; null runs the whole pipeline.</summary>
    public IReadOnlyList<string>? Only { get; init; }

    /// <summary>The Safety policy to judge the source by: the name of a stored policy (<c>/admin/policies</c>);
    /// null for the default.</summary>
    public string? Policy { get; init; }

    /// <summary>Who asked: a user name or API key id, recorded in provenance and audit.</summary>
    public string RequestedBy { get; init; } = "anonymous";

    /// <summary>Who owns the run, its artifacts, events and search entries (<see cref="Tenants"/>): the calling key's
    /// tenant at the gateway, <see cref="Tenants.Local"/> in the CLI. Never changes once the run is stored.</summary>
    public string Tenant { get; init; } = Tenants.Local;

    /// <summary>
    /// The source as given, credentials included, sealed where it entered (gateway or CLI) so only Intake can open it;
    /// <see cref="Source"/> then holds the locator with the credentials redacted. Null when the source holds none.
    /// Never shown: readers of a run get it without this field.
    /// </summary>
    public string? SealedSource { get; init; }
}
