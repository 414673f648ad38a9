namespace Noa.Abstractions;

/// <summary>
/// A reference to a published bundle: <c>[registry/]repository(:tag|@sha256:…)</c>, as <c>docker</c>, <c>skopeo</c> and
/// <c>oras</c> write them. The registry part is the first path component when it has a dot or a colon or is
/// <c>localhost</c>; without it the reference is to the configured bundle store.
/// </summary>
/// <param name="Registry">Host and port of a registry, or null for the configured store.</param>
/// <param name="Repository">The repository.</param>
/// <param name="Reference">A tag or a digest.</param>
public sealed record BundleReference(string? Registry, string Repository, string Reference)
{
    /// <summary>Whether <see cref="Reference"/> is a digest.</summary>
    public bool IsDigest => OciDigest.IsValid(Reference);

    /// <summary>Parses a reference.</summary>
    /// <exception cref="ArgumentException">The text is not a reference; the message says why.</exception>
    public static BundleReference Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        string? registry = null;
        var rest = text.Trim();
        var slash = rest.IndexOf('/');
        if (slash > 0 && rest[..slash] is var first && (first.Contains('.') || first.Contains(':') || first == "localhost"))
            (registry, rest) = (first, rest[(slash + 1)..]);
        string repository, reference;
        var at = rest.IndexOf('@');
        if (at >= 0)
            (repository, reference) = (rest[..at], rest[(at + 1)..]);
        else
        {
            var colon = rest.LastIndexOf(':');
            if (colon < 0)
                throw new ArgumentException($"'{text}' names no tag or digest (write REPOSITORY:TAG or REPOSITORY@sha256:…).", nameof(text));
            (repository, reference) = (rest[..colon], rest[(colon + 1)..]);
        }
        OciNames.RequireRepository(repository);
        OciNames.RequireReference(reference);
        return new BundleReference(registry, repository, reference);
    }

    /// <inheritdoc />
    public override string ToString() =>
        (Registry is null ? "" : Registry + "/") + Repository + (IsDigest ? "@" : ":") + Reference;
}
