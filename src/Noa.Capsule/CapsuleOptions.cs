using Noa.Abstractions;

namespace Noa.Capsule;

/// <summary>Options of the capsule module (section <c>Noa:Capsule</c>).</summary>
public sealed class CapsuleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Capsule";

    /// <summary>
    /// Where capsules' workspaces live (one folder per capsule, removed after it). Every folder above it must be
    /// traversable by others (<c>o+x</c>): each sandbox runs as its own unprivileged user.
    /// </summary>
    public string WorkDirectory { get; set; } = "/var/lib/noa-capsules";

    /// <summary>A folder for the capsules' sidecar sockets (the build proxy's), reachable by the sandboxes' users.</summary>
    public string SocketDirectory { get; set; } = "/run/noa-capsules";

    /// <summary>Limits of a capsule whose request gives none.</summary>
    public LimitOptions DefaultLimits { get; set; } = new();

    /// <summary>The most one capsule may ask for.</summary>
    public LimitOptions MaxLimits { get; set; } = new()
    {
        Cpus = 2, MemoryBytes = 8L << 30, Pids = 4096, WallTimeSeconds = 6 * 3600, OutputBytes = 1L << 30, TmpfsBytes = 4L << 30,
    };

    /// <summary>What one tenant may hold at once (every capsule of its API keys).</summary>
    public QuotaOptions TenantQuota { get; set; } = new();

    /// <summary>
    /// Named egress policies: each a list of <c>host:port</c> rules (<c>*.example.org:443</c>, <c>registry.npmjs.org:*</c>,
    /// an IP literal for a private address). <c>none</c> (no egress at all) always exists and is the default.
    /// </summary>
    public Dictionary<string, EgressPolicyOptions> Policies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The policy of a request that names none.</summary>
    public string DefaultPolicy { get; set; } = "none";

    /// <summary>The port the policy agent listens on inside a capsule (set as <c>HTTP_PROXY</c> and <c>HTTPS_PROXY</c>).</summary>
    public int ProxyPort { get; set; } = 3128;

    /// <summary>The port of the OTLP/HTTP endpoint inside a capsule, forwarded to the host's <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public int OtlpPort { get; set; } = 4318;

    /// <summary>Bytes of each capsule's output kept for <c>GET /capsules/{id}/logs</c> (the tail).</summary>
    public int LogBufferBytes { get; set; } = 1 << 20;

    /// <summary>How long an ended capsule stays listed.</summary>
    public TimeSpan KeepEnded { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A PEM certificate for the service mirror's published ports (TLS); with <see cref="TlsKeyFile"/>.</summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>A PEM bundle of CAs whose client certificates the published ports require (mTLS); null for none.</summary>
    public string? TlsClientCaFile { get; set; }
}

/// <summary>Capsule limits as configured (seconds for times).</summary>
public sealed class LimitOptions
{
    /// <summary>CPU cores.</summary>
    public double Cpus { get; set; } = 1;

    /// <summary>Memory bytes (tmpfs included).</summary>
    public long MemoryBytes { get; set; } = 512L << 20;

    /// <summary>Processes and threads.</summary>
    public int Pids { get; set; } = 512;

    /// <summary>Wall time in seconds.</summary>
    public double WallTimeSeconds { get; set; } = 600;

    /// <summary>Output bytes.</summary>
    public long OutputBytes { get; set; } = 64L << 20;

    /// <summary>Size of each tmpfs.</summary>
    public long TmpfsBytes { get; set; } = 64L << 20;

    /// <summary>As the sandbox's limits.</summary>
    public SandboxLimits ToLimits() => new()
    {
        Cpus = Cpus, MemoryBytes = MemoryBytes, Pids = Pids, WallTime = TimeSpan.FromSeconds(WallTimeSeconds), OutputBytes = OutputBytes, TmpfsBytes = TmpfsBytes,
    };
}

/// <summary>What one tenant may hold at once.</summary>
public sealed class QuotaOptions
{
    /// <summary>Capsules running at once.</summary>
    public int MaxRunning { get; set; } = 16;

    /// <summary>CPU cores of its running capsules together.</summary>
    public double MaxCpus { get; set; } = 8;

    /// <summary>Memory of its running capsules together.</summary>
    public long MaxMemoryBytes { get; set; } = 16L << 30;
}

/// <summary>One named egress policy.</summary>
public sealed class EgressPolicyOptions
{
    /// <summary>The destinations allowed (<c>host:port</c>, wildcards <c>*.suffix</c> and port <c>*</c>); everything else is denied.</summary>
    public List<string> Allow { get; set; } = [];
}
