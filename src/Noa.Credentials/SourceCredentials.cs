namespace Noa.Credentials;

/// <summary>
/// Separates credentials from a source locator where it enters (gateway, CLI): <c>https://user:token@host/repo.git</c>
/// becomes <c>https://***@host/repo.git</c> to store and show, and the locator as given, sealed, for Intake alone.
/// </summary>
public static class SourceCredentials
{
    /// <summary>
    /// What of <paramref name="source"/> may be stored and shown, and, when it holds credentials (user info of an
    /// http(s) URL, a password in any URL, a secret-looking query value), the source as given, sealed. A source without
    /// any is returned unchanged with no sealed part.
    /// </summary>
    public static (string Shown, string? Sealed) Separate(string source, CredentialSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sealer);
        var scheme = source.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
            return (source, null);
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri))
        {
            // Not a URL anything will fetch, but it may still hold a secret: show none of what follows the scheme.
            return source.Contains('@', StringComparison.Ordinal) || source.Contains('?', StringComparison.Ordinal)
                ? (source[..scheme] + "://***", sealer.Seal(source))
                : (source, null);
        }
        return UrlRedactor.HasCredentials(uri) ? (UrlRedactor.Redact(uri), sealer.Seal(source)) : (source, null);
    }
}
