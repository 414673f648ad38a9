namespace Noa.Stages.Registrar;

/// <summary>Options of the Registrar (section <c>Noa:Registrar</c>).</summary>
public sealed class RegistrarOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Registrar";

    /// <summary>The first component of every bundle repository (<c>noa/&lt;source&gt;</c>).</summary>
    public string RepositoryPrefix { get; set; } = "noa";

    /// <summary>
    /// A file holding the PEM private key (ECDSA P-256, PKCS#8 or SEC1) that signs provenance, e.g. <c>/run/secrets/noa-signing-key</c>.
    /// A configured file that is missing or not such a key fails the stage. Unset: <see cref="DefaultSigningKeyFile"/>.
    /// </summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>
    /// The key used when <see cref="SigningKeyFile"/> is unset (the host sets <c>$NOA_HOME/keys/signing.pem</c>): made on first
    /// use, readable by its owner only, so a digest on the embedded stores is signed with no setup.
    /// </summary>
    public string? DefaultSigningKeyFile { get; set; }

    /// <summary>Bundle paths attached as referrers of the bundle, with their artifact types (SBOMs and findings).</summary>
    public Dictionary<string, string> Referrers { get; set; } = new(StringComparer.Ordinal)
    {
        ["sbom.cdx.json"] = "application/vnd.cyclonedx+json",
        ["sbom.spdx.json"] = "application/spdx+json",
        ["safety.sarif"] = "application/sarif+json",
    };

    /// <summary>Of <see cref="Referrers"/>, those attached to each image Env Synthesis verified too: the source's SBOMs, which list the
    /// packages the image was built from (the base image's own packages are not in them).</summary>
    public HashSet<string> ImageReferrers { get; set; } = new(StringComparer.Ordinal) { "sbom.cdx.json", "sbom.spdx.json" };

    /// <summary>How many blobs of a bundle are uploaded at once.</summary>
    public int ParallelUploads { get; set; } = 4;

    /// <summary>Every problem with the options.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Abstractions.OciNames.IsRepository(RepositoryPrefix))
            errors.Add($"{Section}:RepositoryPrefix must be a repository name component (was '{RepositoryPrefix}')");
        foreach (var path in ImageReferrers.Where(p => !Referrers.ContainsKey(p)).Order(StringComparer.Ordinal))
            errors.Add($"{Section}:ImageReferrers names '{path}', which is not one of {Section}:Referrers");
        if (ParallelUploads < 1)
            errors.Add($"{Section}:ParallelUploads must be at least 1 (was {ParallelUploads})");
        if (SigningKeyFile is null && DefaultSigningKeyFile is null)
            errors.Add($"{Section}:SigningKeyFile is not set");
        return errors;
    }
}
