using System.Text.RegularExpressions;

namespace Noa.Stages.Intake;

/// <summary>A parsed <c>DigestRequest.Source</c>: a local path or a URL of an allowed scheme.</summary>
/// <param name="Raw">As given (never logged or recorded: it may hold credentials).</param>
/// <param name="Url">Set for URLs (including scp-like git locators, as <c>ssh://</c>); null for local paths.</param>
/// <param name="LocalPath">Full local path for plain paths and <c>file://</c> URLs.</param>
/// <param name="Redacted">The locator with credentials removed, for provenance and messages.</param>
internal sealed partial record SourceLocator(string Raw, Uri? Url, string? LocalPath, string Redacted)
{
    private static readonly string[] AllowedSchemes = ["http", "https", "ssh", "git", "file"];

    /// <summary>True for sources reached over the network.</summary>
    public bool IsRemote => LocalPath is null;

    public static Checked<SourceLocator> Parse(string raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Checked<SourceLocator>.Refuse("the source is empty");
        }
        raw = raw.Trim();
        // A leading dash would be read by git as an option (e.g. --upload-pack=...).
        if (raw.StartsWith('-') || raw.Any(char.IsControl))
        {
            return Checked<SourceLocator>.Refuse($"the source '{raw}' is not a path or URL");
        }

        var scp = ScpLike().Match(raw);
        if (scp.Success && !raw.Contains("://", StringComparison.Ordinal))
        {
            return Uri.TryCreate($"ssh://{scp.Groups["userhost"].Value}/{scp.Groups["path"].Value.TrimStart('/')}", UriKind.Absolute, out var url)
                ? new SourceLocator(raw, url, null, raw)
                : Checked<SourceLocator>.Refuse($"the source '{raw}' is not a valid git locator");
        }

        if (raw.Contains("://", StringComparison.Ordinal) || SchemeOnly().IsMatch(raw))
        {
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri))
            {
                return Checked<SourceLocator>.Refuse($"the source '{UrlRedactor.RedactText(raw)}' is not a valid URL");
            }
            var scheme = uri.Scheme.ToLowerInvariant();
            if (!AllowedSchemes.Contains(scheme))
            {
                return Checked<SourceLocator>.Refuse(
                    $"the scheme '{scheme}' of source '{UrlRedactor.Redact(uri)}' is not supported (use http, https, ssh, git or file)");
            }
            if (scheme == "file")
            {
                if (!string.IsNullOrEmpty(uri.Host) && uri.Host != "localhost")
                {
                    return Checked<SourceLocator>.Refuse($"the file URL '{raw}' names a remote host '{uri.Host}'");
                }
                // AbsolutePath, not LocalPath: the latter turns file://localhost/x into a UNC-like relative path.
                var path = Uri.UnescapeDataString(uri.AbsolutePath);
                return new SourceLocator(raw, null, Path.GetFullPath(path), path);
            }
            if (string.IsNullOrEmpty(uri.Host))
            {
                return Checked<SourceLocator>.Refuse($"the URL '{UrlRedactor.Redact(uri)}' has no host");
            }
            return new SourceLocator(raw, uri, null, UrlRedactor.Redact(uri));
        }

        var full = Path.GetFullPath(raw);
        return new SourceLocator(raw, null, full, full.Replace('\\', '/'));
    }

    // user@host:path, as git accepts for ssh; the host part has no slash and is longer than a drive letter.
    [GeneratedRegex(@"^(?<userhost>[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+):(?<path>[^:].*)$")]
    private static partial Regex ScpLike();

    // Any other "scheme:" prefix (ext::, fd::, mailto:...), so that it is refused rather than read as a file name.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]+:(?![\\/])")]
    private static partial Regex SchemeOnly();
}
