using System.Net.Http.Headers;

namespace Noa.Bundles.Registry;

/// <summary>
/// A registry's <c>WWW-Authenticate</c> challenge: <c>Basic realm="…"</c>, or the distribution token flow's
/// <c>Bearer realm="…",service="…",scope="…"</c> (RFC 7235 parameters; quoted values may hold commas, as scopes do).
/// </summary>
internal sealed record AuthChallenge(string Scheme, string? Realm, string? Service, string? Scope)
{
    public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first challenge this client can answer (Bearer before Basic), or null.</summary>
    public static AuthChallenge? From(HttpHeaderValueCollection<AuthenticationHeaderValue> headers)
    {
        AuthChallenge? basic = null;
        foreach (var header in headers)
        {
            var parameters = Parse(header.Parameter ?? "");
            var challenge = new AuthChallenge(header.Scheme, parameters.GetValueOrDefault("realm"),
                parameters.GetValueOrDefault("service"), parameters.GetValueOrDefault("scope"));
            if (challenge.IsBearer && challenge.Realm is not null)
                return challenge;
            if (challenge.IsBasic)
                basic ??= challenge;
        }
        return basic;
    }

    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
                i++;
            var equals = text.IndexOf('=', i);
            if (equals < 0)
                break;
            var name = text[i..equals].Trim();
            i = equals + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var builder = new System.Text.StringBuilder();
                for (i++; i < text.Length && text[i] != '"'; i++)
                    builder.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                i++;
                value = builder.ToString();
            }
            else
            {
                var end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                value = text[i..end].Trim();
                i = end;
            }
            if (name.Length > 0)
                result.TryAdd(name, value);
        }
        return result;
    }
}
