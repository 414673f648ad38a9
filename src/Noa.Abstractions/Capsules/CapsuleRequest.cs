namespace Noa.Abstractions;

/// <summary>What to run in a capsule.</summary>
public sealed record CapsuleRequest
{
    /// <summary>The image whose root file system the capsule runs on (<c>python:3.11-slim</c>); null for the host's read-only <c>/usr</c>.</summary>
    public string? Image { get; init; }

    /// <summary>A run whose source snapshot is copied into the capsule's workspace (<c>/workspace</c>); null for an empty workspace.</summary>
    public string? RunId { get; init; }

    /// <summary>The command; empty for the image's entrypoint and command.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Environment variables, over the image's.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The working directory inside; null for the image's, else <c>/workspace</c>.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The egress policy by name; null for the configured default (<c>none</c>: no network at all).</summary>
    public string? Policy { get; init; }

    /// <summary>The limits; null for the configured defaults. Checked against the configured maxima.</summary>
    public SandboxLimits? Limits { get; init; }

    /// <summary>Inner ports to publish on the host's loopback (the service mirror); each gets a free port, see <see cref="CapsuleInfo.PublishedPorts"/>.</summary>
    public IReadOnlyList<int> Ports { get; init; } = [];

    /// <summary>Serve the Docker Engine build API inside (<c>DOCKER_HOST=unix:///run/docker.sock</c>), so <c>docker build</c> works.</summary>
    public bool BuildProxy { get; init; }

    /// <summary>A host folder bound writable at <c>/workspace</c> (in-process callers such as the Runner); null for a fresh one.</summary>
    public string? Workspace { get; init; }

    /// <summary>Host folders bound read-only (in-process callers), as <see cref="SandboxBind"/>s.</summary>
    public IReadOnlyList<SandboxBind> Binds { get; init; } = [];

    /// <summary>The user id inside; null for the image's <c>USER</c> (numeric) or root inside (never root outside).</summary>
    public int? Uid { get; init; }

    /// <summary>The tenant the capsule counts against (quotas, listing).</summary>
    public string Tenant { get; init; } = "default";

    /// <summary>Who asked (an API key id, or a stage), for the audit trail.</summary>
    public string Actor { get; init; } = "system";

    /// <summary>The run this capsule belongs to, for the audit trail; null for none.</summary>
    public string? AuditRunId { get; init; }

    /// <summary>A W3C trace context to pass in as <c>TRACEPARENT</c>; null for the current activity's.</summary>
    public string? TraceParent { get; init; }
}
