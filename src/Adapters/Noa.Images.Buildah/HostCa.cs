using System.Text;

namespace Noa.Images.Buildah;

/// <summary>
/// The host's CA bundle in a build's <c>RUN</c> steps with network, never in the image: a host that reaches the package
/// registries through a TLS-inspecting proxy trusts that proxy's CA in its own bundle only, so <c>npm ci</c> or
/// <c>dotnet restore</c> in a base image fails (SELF_SIGNED_CERT_IN_CHAIN, NU1301). The bundle is copied into each
/// <c>RUN</c> at <see cref="MountPath"/> as a buildah "default mount" (the mounts.conf mechanism, given with
/// <c>--default-mounts-file</c>), which buildah removes from the root file system after every step, and the variables
/// the usual tools read a CA file from are set for the steps only: as build arguments, declared by <c>ARG</c> lines after
/// each <c>FROM</c> of a copy of the Dockerfile handed to buildah (buildah 1.28 gives <c>RUN</c> no other variables
/// that stay out of the image; <c>--env</c> writes them into it). The generated Dockerfile is untouched, the image's
/// <c>Env</c> and layers are those of a build elsewhere; only its history records the arguments, as it records any.
/// </summary>
internal static class HostCa
{
    /// <summary>Where a <c>RUN</c> step finds the host's bundle.</summary>
    public const string MountPath = "/run/noa-host-ca.crt";

    /// <summary>
    /// The variables set to <see cref="MountPath"/>: OpenSSL's (.NET on Linux, curl, Python's ssl, Go), Node's (npm, yarn,
    /// pnpm: added to Node's own roots), pip's and requests', git's (GnuTLS in Debian's git reads no SSL_CERT_FILE).
    /// </summary>
    public static readonly IReadOnlyList<string> Variables = ["SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS", "PIP_CERT", "REQUESTS_CA_BUNDLE", "GIT_SSL_CAINFO"];

    /// <summary>The mounts files buildah reads when none is given, the first present wins (containers/common's order).</summary>
    private static readonly string[] HostMountsFiles = ["/etc/containers/mounts.conf", "/usr/share/containers/mounts.conf"];

    /// <summary>What a build with the host's CA adds: buildah's global arguments, its build arguments, and the Dockerfile to build.</summary>
    public sealed record Build(IReadOnlyList<string> GlobalArgs, IReadOnlyList<string> BuildArgs, string Dockerfile);

    /// <summary>
    /// Writes into <paramref name="folder"/> the mounts file (the host's own mounts kept) and the Dockerfile with its
    /// <c>ARG</c> lines; <paramref name="bundle"/> must exist.
    /// </summary>
    public static Build Prepare(string bundle, string dockerfile, string folder)
    {
        var mounts = Path.Combine(folder, "mounts.conf");
        var host = HostMountsFiles.FirstOrDefault(File.Exists) is { } file ? File.ReadAllText(file).TrimEnd() + "\n" : "";
        File.WriteAllText(mounts, $"{host}{Path.GetFullPath(bundle)}:{MountPath}\n");
        var copy = Path.Combine(folder, "Dockerfile");
        File.WriteAllText(copy, WithArgs(File.ReadAllText(dockerfile)));
        return new Build(["--default-mounts-file", mounts], Variables.SelectMany(v => new[] { "--build-arg", $"{v}={MountPath}" }).ToList(), copy);
    }

    /// <summary>The Dockerfile with <c>ARG</c> lines declaring <see cref="Variables"/> after each <c>FROM</c> instruction.</summary>
    public static string WithArgs(string dockerfile)
    {
        var lines = dockerfile.Split('\n');
        var escape = Escape(lines);
        var text = new StringBuilder(dockerfile.Length + 256);
        bool continued = false, inFrom = false;
        foreach (var (line, i) in lines.Select((l, i) => (l, i)))
        {
            text.Append(line);
            if (i < lines.Length - 1)
                text.Append('\n');
            var trimmed = line.Trim();
            // A comment line (a parser directive too) neither starts, ends nor continues an instruction.
            if (trimmed.StartsWith('#'))
                continue;
            if (!continued)
                inFrom = trimmed.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("FROM\t", StringComparison.OrdinalIgnoreCase);
            continued = trimmed.EndsWith(escape);
            if (inFrom && !continued)
            {
                if (i == lines.Length - 1)
                    text.Append('\n');
                foreach (var variable in Variables)
                    text.Append("ARG ").Append(variable).Append('\n');
                inFrom = false;
            }
        }
        return text.ToString();
    }

    /// <summary>Whether buildah's <c>STEP n/m: …</c> line is one of the <c>ARG</c> lines <see cref="WithArgs"/> added.</summary>
    public static bool IsAddedStep(string line) => Variables.Any(v => line.EndsWith(": ARG " + v, StringComparison.Ordinal));

    /// <summary>The line continuation character: <c>\</c>, or the one a leading <c># escape=</c> parser directive names.</summary>
    private static char Escape(string[] lines)
    {
        foreach (var line in lines.Select(l => l.Trim()))
        {
            if (!line.StartsWith('#'))
                break;
            var directive = line.TrimStart('#').Replace(" ", "", StringComparison.Ordinal);
            if (directive.StartsWith("escape=", StringComparison.OrdinalIgnoreCase) && directive.Length > 7)
                return directive[7];
        }
        return '\\';
    }
}
