namespace Noa.Images.Buildah;

/// <summary>Settings of the buildah image builder (section <c>Noa:Capsule:Images</c>).</summary>
public sealed class BuildahSettings
{
    /// <summary>The buildah executable.</summary>
    public string Buildah { get; set; } = "buildah";

    /// <summary>The skopeo executable (reads a registry's manifest before a push, to keep tags immutable).</summary>
    public string Skopeo { get; set; } = "skopeo";

    /// <summary>util-linux <c>unshare</c>, which gives a build without network a network namespace of its own.</summary>
    public string Unshare { get; set; } = "unshare";

    /// <summary>How <c>RUN</c> steps are isolated: <c>chroot</c> works without a container runtime (this host's case); <c>oci</c> needs runc or crun.</summary>
    public string Isolation { get; set; } = "chroot";

    /// <summary>
    /// The nice value a build runs at (0 to 19; 0: the builder's own priority). A build is work the digest does beside the stages
    /// a user waits for (embeddings), and its <c>RUN</c> steps (an npm install, a compiler) are as CPU-hungry as they: at 10 a
    /// build gets about a tenth of the CPU they want, as a capsule does at its cgroup weight of 10
    /// (<c>Noa:Capsule:Sandbox:CpuWeight</c>), and all of it when nothing else runs. It divides the CPU within one session's
    /// autogroup, where the digest and its builds are.
    /// </summary>
    public int Nice { get; set; } = 10;

    /// <summary>A registries.conf to use instead of the host's (<c>CONTAINERS_REGISTRIES_CONF</c>); null for the host's.</summary>
    public string? RegistriesConf { get; set; }

    /// <summary>Registries reached over plain HTTP (no TLS verification), like the local one of scripts/services.sh.</summary>
    public IList<string> InsecureRegistries { get; set; } = ["127.0.0.1:5000", "localhost:5000"];

    /// <summary>
    /// Where image root file systems are bind-mounted for sandboxes: buildah's own mount points sit in root-only folders
    /// that a sandbox's unprivileged user cannot reach. One read-only mount per image, shared, until the builder is disposed.
    /// </summary>
    public string MountDirectory { get; set; } = "/run/noa-images";

    /// <summary>
    /// The host's CA bundle, trusted by the <c>RUN</c> steps of builds with network and never put in the image (see
    /// <c>HostCa</c>): a host reaching the registries through a TLS-inspecting proxy has that proxy's CA there.
    /// Empty to leave builds with their images' own trust; a path that does not exist is skipped.
    /// </summary>
    public string? HostCaBundle { get; set; } = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>At most this much of a build's log is kept in <see cref="Abstractions.ImageBuildResult.Log"/> (its tail).</summary>
    public int MaxLogChars { get; set; } = 64 * 1024;
}
