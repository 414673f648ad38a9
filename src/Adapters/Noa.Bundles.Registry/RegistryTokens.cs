using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Noa.Bundles.Registry;

/// <summary>
/// Tokens of the distribution token flow: asked of the challenge's realm (<c>GET realm?service=…&amp;scope=…</c>, with the
/// basic credentials when there are any, anonymously otherwise) and kept per realm, service and scope until shortly before
/// they expire (<c>expires_in</c>, 60 s when the answer has none, as the spec says). Messages name the realm and the
/// status, never a credential or a token.
/// </summary>
internal sealed partial class RegistryTokens(TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);

    public string? Cached(AuthChallenge challenge, string? scope) =>
        _tokens.TryGetValue(Key(challenge, scope), out var held) && held.Until > time.GetUtcNow() ? held.Token : null;

    public void Forget(AuthChallenge challenge, string? scope) => _tokens.TryRemove(Key(challenge, scope), out _);

    /// <summary>A token for <paramref name="scope"/> (space-separated scopes), from the cache or the realm.</summary>
    /// <param name="send">Sends the token request past the registry's own authentication.</param>
    public async Task<string> GetAsync(AuthChallenge challenge, string? scope, RegistryCredential? credential, string registry,
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        if (Cached(challenge, scope) is { } cached)
            return cached;
        var query = new List<string>();
        if (challenge.Service is { } service)
            query.Add("service=" + Uri.EscapeDataString(service));
        foreach (var one in (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            query.Add("scope=" + Uri.EscapeDataString(one));
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || realm.Scheme is not ("http" or "https"))
            throw new Abstractions.BundleRegistryException($"{registry}: the registry's token realm '{challenge.Realm}' is not an http(s) address", HttpStatusCode.Unauthorized);
        var builder = new UriBuilder(realm) { Query = string.Join('&', new[] { realm.Query.TrimStart('?') }.Where(q => q.Length > 0).Concat(query)) };
        using var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (credential is { IsBasic: true })
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credential.BasicParameter());
        HttpResponseMessage response;
        try
        {
            response = await send(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new Abstractions.BundleRegistryException($"{registry}: the token service {realm.GetLeftPart(UriPartial.Path)} could not be reached ({e.Message})", null, e);
        }
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
                throw new Abstractions.BundleRegistryException(
                    $"{registry}: the token service {realm.GetLeftPart(UriPartial.Path)} refused a token for '{scope ?? "(no scope)"}' " +
                    $"({(int)response.StatusCode} {response.ReasonPhrase}; {(credential is null ? "no credentials are configured" : $"with {credential}")})",
                    response.StatusCode);
            var (token, lifetime) = Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken), registry, realm);
            var keep = lifetime > Margin * 2 ? lifetime - Margin : lifetime / 2;
            _tokens[Key(challenge, scope)] = (token, time.GetUtcNow() + keep);
            Log.Obtained(logger, registry, scope ?? "", realm.GetLeftPart(UriPartial.Path), (int)lifetime.TotalSeconds);
            return token;
        }
    }

    private static (string Token, TimeSpan Lifetime) Parse(byte[] body, string registry, Uri realm)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var token = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                : root.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            if (string.IsNullOrEmpty(token))
                throw new Abstractions.BundleRegistryException($"{registry}: the token service {realm.GetLeftPart(UriPartial.Path)} answered without a token", HttpStatusCode.Unauthorized);
            var seconds = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) && s > 0 ? s : 60;
            return (token, TimeSpan.FromSeconds(seconds));
        }
        catch (JsonException)
        {
            throw new Abstractions.BundleRegistryException($"{registry}: the token service {realm.GetLeftPart(UriPartial.Path)} answered with something other than JSON", HttpStatusCode.Unauthorized);
        }
    }

    private static string Key(AuthChallenge challenge, string? scope) => $"{challenge.Realm}\n{challenge.Service}\n{scope}";

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.TokenObtained, Level = LogLevel.Debug, Message = "Registry {Registry}: token for '{Scope}' from {Realm}, valid {Seconds} s")]
        public static partial void Obtained(ILogger logger, string registry, string scope, string realm, int seconds);
    }
}
