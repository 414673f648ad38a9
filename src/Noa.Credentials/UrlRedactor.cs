using System.Text;
using System.Text.RegularExpressions;

namespace Noa.Credentials;

/// <summary>Removes credentials from URLs before they are recorded or shown: user info of http(s) URLs
/// (a token is often passed as the user name), passwords of other schemes, and secret-looking query values.</summary>
public static partial class UrlRedactor
{
    private static readonly string[] SecretParameters =
        ["token", "access_token", "api_key", "apikey", "key", "password", "secret", "sig", "signature", "auth", "code",
         "x-amz-signature", "x-amz-credential", "x-amz-security-token"];

    /// <summary>The URL with its credentials replaced by <c>***</c>.</summary>
    public static string Redact(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var builder = new UriBuilder(uri);
        var web = uri.Scheme is "http" or "https";
        if (!string.IsNullOrEmpty(builder.Password) || (web && !string.IsNullOrEmpty(builder.UserName)))
        {
            builder.UserName = web ? "***" : builder.UserName;
            builder.Password = web ? "" : "***";
        }
        if (builder.Query.Length > 1)
        {
            builder.Query = RedactQuery(builder.Query.TrimStart('?'));
        }
        return builder.Uri.AbsoluteUri;
    }

    /// <summary>Whether the URL holds anything <see cref="Redact"/> would hide.</summary>
    public static bool HasCredentials(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var web = uri.Scheme is "http" or "https";
        var userInfo = uri.UserInfo;
        if (userInfo.Length > 0 && (web || userInfo.Contains(':', StringComparison.Ordinal)))
            return true;
        return uri.Query.Length > 1 && uri.Query.TrimStart('?').Split('&').Any(pair =>
            pair.IndexOf('=') is > 0 and var eq && SecretParameters.Contains(Uri.UnescapeDataString(pair[..eq]).ToLowerInvariant()));
    }

    /// <summary>Redacts every URL found in free text, e.g. git's error output.</summary>
    public static string RedactText(string text) =>
        UrlInText().Replace(text, m => Uri.TryCreate(m.Value, UriKind.Absolute, out var u) ? Redact(u) : m.Value);

    private static string RedactQuery(string query)
    {
        var result = new StringBuilder();
        foreach (var pair in query.Split('&'))
        {
            if (result.Length > 0)
            {
                result.Append('&');
            }
            var eq = pair.IndexOf('=');
            var name = eq < 0 ? pair : pair[..eq];
            var secret = SecretParameters.Contains(Uri.UnescapeDataString(name).ToLowerInvariant());
            result.Append(secret && eq >= 0 ? name + "=***" : pair);
        }
        return result.ToString();
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.-]*://[^\s'""]+")]
    private static partial Regex UrlInText();
}
