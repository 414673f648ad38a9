namespace Noa.Abstractions;

/// <summary>
/// Where a run keeps the images Env Synthesis built and verified: each as an OCI image layout under <c>env/images/&lt;app&gt;/</c>
/// (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/&lt;hex&gt;</c>), written as run artifacts so they travel through the
/// artifact store to the Registrar wherever it runs. The artifact store is content-addressed by sha256, so a blob's artifact hash
/// is its OCI digest.
/// </summary>
public static class EnvImages
{
    /// <summary>The folder of every exported image.</summary>
    public const string Prefix = "env/images/";

    /// <summary>The layout's index of <paramref name="app"/>.</summary>
    public static string IndexPath(string app) => $"{Prefix}{app}/index.json";

    /// <summary>The bundle path of a blob of <paramref name="app"/>'s layout.</summary>
    public static string BlobPath(string app, string digest) => $"{Prefix}{app}/blobs/sha256/{(digest.StartsWith(OciDigest.Prefix, StringComparison.Ordinal) ? digest[OciDigest.Prefix.Length..] : digest)}";

    /// <summary>Whether <paramref name="path"/> is part of an exported image.</summary>
    public static bool Holds(string path) => path.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The app an exported image's path belongs to, or null when it is not one.</summary>
    public static string? AppOf(string path) =>
        Holds(path) && path.IndexOf('/', Prefix.Length) is var slash and > 0 ? path[Prefix.Length..slash] : null;
}
