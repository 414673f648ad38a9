namespace Noa.Stages.Intake;

/// <summary>
/// Limits and policies of the Intake stage, bound from the configuration section <see cref="SectionName"/>.
/// The defaults are safe for a server that digests untrusted sources.
/// </summary>
/// <remarks>
/// Archives keep their entry names as they are: a single top-level folder (<c>project-1.0/…</c>) is not stripped.
/// Every refusal is a <c>BadInput</c> outcome naming the entry, link, host or limit (by option name) involved.
/// </remarks>
public sealed class IntakeOptions
{
    /// <summary>The configuration section the CLI binds: <c>Noa:Intake</c>.</summary>
    public const string SectionName = "Noa:Intake";

    /// <summary>
    /// When false (the default), remote URLs (git over http/https/git/ssh, OpenAPI URLs, archive URLs,
    /// submodule URLs) whose host resolves to a loopback, private (RFC 1918, CGNAT 100.64/10, IPv6 ULA),
    /// link-local (169.254/16 incl. cloud metadata, fe80::/10), multicast, reserved or unspecified address,
    /// or an IPv4-mapped/NAT64/6to4 form of one, are refused before any traffic is sent.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// Folders under which local paths and <c>file://</c> URLs may be read. <c>null</c> (the default, for the
    /// CLI) allows any local path; a server sets it so that a request cannot read the host's files.
    /// Paths are compared after resolving symbolic links.
    /// </summary>
    public IList<string>? AllowedFileRoots { get; set; }

    /// <summary>Most files (or archive entries) in one source. Default 100 000.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>Most uncompressed bytes in one source. Default 2 GiB.</summary>
    public long MaxTotalBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest single file. Default 512 MiB.</summary>
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Highest ratio of uncompressed bytes written to compressed bytes actually read from an archive
    /// (declared sizes are not trusted). Checked once more than <see cref="CompressionRatioGraceBytes"/>
    /// were written, so tiny, very compressible archives pass. Default 200 (200:1).
    /// </summary>
    public double MaxCompressionRatio { get; set; } = 200;

    /// <summary>Uncompressed bytes an archive may produce before <see cref="MaxCompressionRatio"/> applies. Default 1 MiB.</summary>
    public long CompressionRatioGraceBytes { get; set; } = 1024 * 1024;

    /// <summary>Deepest folder nesting of a source path (folders, git, archives). Default 256: real trees stay far below; a
    /// path nested thousands deep cannot even be laid out on disk.</summary>
    public int MaxPathDepth { get; set; } = 256;

    /// <summary>Longest source path in UTF-8 bytes. Default 3072, so a snapshot laid out under a workspace stays within
    /// Linux's 4096-byte path limit.</summary>
    public int MaxPathBytes { get; set; } = 3072;

    /// <summary>Most YAML nodes after alias expansion (an alias counts as the size of its anchored subtree);
    /// refuses "billion laughs" documents before any object is built. Default 1 000 000.</summary>
    public long MaxYamlNodes { get; set; } = 1_000_000;

    /// <summary>The YAML guard's limits for documents read by Intake (sniffed, OpenAPI, model lists): the defaults, with
    /// <see cref="MaxYamlNodes"/> and <see cref="MaxDocumentBytes"/>.</summary>
    internal Noa.Yaml.YamlLimits YamlLimits => Noa.Yaml.YamlLimits.Default with { MaxNodes = MaxYamlNodes, MaxChars = MaxDocumentBytes };

    /// <summary>Largest OpenAPI document or model list. Default 32 MiB.</summary>
    public long MaxDocumentBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Largest HTTP download (an OpenAPI document or an archive). Default 512 MiB.</summary>
    public long MaxDownloadBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Time allowed for one HTTP download. Default 2 minutes.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time allowed for all git commands of one intake (fetch, checkout, submodules). Default 10 minutes.</summary>
    public TimeSpan GitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The git executable. Default <c>git</c> from <c>PATH</c>.</summary>
    public string GitExecutable { get; set; } = "git";
}
