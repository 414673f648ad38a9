using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;
using Noa.Credentials;

namespace Noa.Bundles.Registry;

/// <summary>
/// Authentication to the registry, under every request of the store (uploads to the registry's own upload addresses
/// included; never to another host, so a redirect to blob storage carries no credential). A static token goes with every
/// request. Otherwise the first 401 teaches the scheme: <c>Basic</c> → the user name and password, on this request and
/// every later one; <c>Bearer realm,service,scope</c> → a token for the scope from the realm (<see cref="RegistryTokens"/>),
/// and from then on each request first takes the token of its own scope (<c>repository:NAME:pull</c> for reads,
/// <c>pull,push</c> for writes) so pushes do not pay a 401 each. A request refused with a token it sent is tried once more
/// with a fresh one (the token may have been revoked). Bodies are byte arrays, so a request can be sent again.
/// </summary>
internal sealed partial class RegistryAuthHandler(RegistrySettings settings, TimeProvider time, ILogger logger) : DelegatingHandler
{
    /// <summary>How the request was (not) authenticated, for the message of a 401 (never the credential itself).</summary>
    public static readonly HttpRequestOptionsKey<string> Outcome = new("noa.registry.auth");

    private readonly Uri _origin = new(settings.Url);
    private readonly RegistryTokens _tokens = new(time, logger);
    private volatile AuthChallenge? _learned;

    private string Registry => _origin.GetLeftPart(UriPartial.Authority);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { } uri
            || Uri.Compare(uri, _origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            return await base.SendAsync(request, cancellationToken);
        var scope = ScopeOf(request);
        var credential = Credential();
        await AuthorizeAsync(request, _learned, scope, credential, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || AuthChallenge.From(response.Headers.WwwAuthenticate) is not { } challenge)
            return response;

        var sent = request.Headers.Authorization?.Scheme;
        if (challenge.IsBasic)
        {
            _learned = challenge;
            if (credential is not { IsBasic: true } || sent == "Basic")
                return Refused(request, response, credential);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credential.BasicParameter());
        }
        else
        {
            if (credential is { IsBasic: false })
                return Refused(request, response, credential);
            _learned = challenge with { Scope = null };
            var wanted = challenge.Scope ?? scope;
            if (sent == "Bearer")
                _tokens.Forget(challenge, wanted);
            var token = await _tokens.GetAsync(challenge, wanted, credential, Registry, base.SendAsync, cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        response.Dispose();
        response = await base.SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.Unauthorized ? Refused(request, response, credential) : response;
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, AuthChallenge? learned, string? scope, RegistryCredential? credential,
        CancellationToken cancellationToken)
    {
        if (credential is { Token: { } token })
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        else if (learned is { IsBasic: true } && credential is { IsBasic: true })
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credential.BasicParameter());
        else if (learned is { IsBearer: true })
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
                await _tokens.GetAsync(learned, scope, credential, Registry, base.SendAsync, cancellationToken));
    }

    private static HttpResponseMessage Refused(HttpRequestMessage request, HttpResponseMessage response, RegistryCredential? credential)
    {
        request.Options.Set(Outcome, credential is null
            ? "no credentials are configured for it (Noa:Bundles:Registry:Username/PasswordFile, TokenFile or DockerConfigFile)"
            : $"it refused {credential}");
        return response;
    }

    // Read at each request: a rotated secret file is seen without a restart (as every secret of the project).
    private RegistryCredential? Credential()
    {
        const string section = "Noa:Bundles:Registry";
        try
        {
            if (SecretFile.From(settings.TokenFile, section + ":TokenFile") is { } token)
                return RegistryCredential.Bearer(token.Read());
            if (!string.IsNullOrEmpty(settings.Username) && SecretFile.From(settings.PasswordFile, section + ":PasswordFile") is { } password)
                return RegistryCredential.Basic(settings.Username, password.Read());
            return string.IsNullOrWhiteSpace(settings.DockerConfigFile) ? null : DockerConfig.Find(settings.DockerConfigFile, _origin.Authority);
        }
        catch (SecretFileException e)
        {
            throw new BundleRegistryException($"{Registry}: {e.Message}", HttpStatusCode.Unauthorized, e);
        }
    }

    // The scope a request needs: reads pull, everything else pushes (an upload, a manifest, a tag).
    private static string? ScopeOf(HttpRequestMessage request)
    {
        var match = RepositoryPath().Match(request.RequestUri!.AbsolutePath);
        if (!match.Success)
            return null;
        var actions = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head ? "pull" : "pull,push";
        return $"repository:{match.Groups["name"].Value}:{actions}";
    }

    // Greedy: the last /blobs/ (or …) ends the name, as a reference or upload id never holds a slash-ended keyword.
    [GeneratedRegex("^/v2/(?<name>.+)/(?:blobs|manifests|tags|referrers)/", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPath();
}
