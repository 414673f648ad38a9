using System.Text;
using System.Text.Json;
using Noa.Credentials;

namespace Noa.Bundles.Registry;

/// <summary>
/// The <c>auths</c> of a docker <c>config.json</c> (as <c>docker login</c>, podman and skopeo write it): the entry for a
/// registry host, keyed by <c>host[:port]</c> or an address with a scheme and path. Credential helpers (<c>credsStore</c>,
/// <c>credHelpers</c>) and OAuth refresh tokens (<c>identitytoken</c>) are not run or used: such an entry is an error
/// saying so, rather than a silent anonymous request.
/// </summary>
internal static class DockerConfig
{
    public const string Setting = "Noa:Bundles:Registry:DockerConfigFile";

    /// <summary>The credential for <paramref name="authority"/> (<c>host[:port]</c>), or null when the file has none for it.</summary>
    /// <exception cref="SecretFileException">The file is missing, unreadable, not JSON, or its entry is unusable.</exception>
    public static RegistryCredential? Find(string path, string authority)
    {
        var text = new SecretFile(path, Setting).Read();
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            // The position only: the text may hold secrets.
            throw new SecretFileException($"{Setting}: '{path}' is not JSON (line {e.LineNumber + 1}).", e);
        }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                throw new SecretFileException($"{Setting}: '{path}' is not a docker config (a JSON object with 'auths').");
            if (json.RootElement.TryGetProperty("auths", out var auths) && auths.ValueKind == JsonValueKind.Object)
                foreach (var entry in auths.EnumerateObject())
                    if (string.Equals(HostOf(entry.Name), authority, StringComparison.OrdinalIgnoreCase))
                        return Read(entry.Value, path, authority);
            if (json.RootElement.TryGetProperty("credHelpers", out var helpers) && helpers.ValueKind == JsonValueKind.Object
                && helpers.EnumerateObject().Any(h => string.Equals(HostOf(h.Name), authority, StringComparison.OrdinalIgnoreCase)))
                throw new SecretFileException($"{Setting}: '{path}' names a credential helper for {authority}; helpers are not run, put the credentials in 'auths'.");
            return null;
        }
    }

    private static RegistryCredential Read(JsonElement entry, string path, string authority)
    {
        string? Get(string name) => entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() is { Length: > 0 } s ? s : null
            : null;

        if (Get("auth") is { } auth)
        {
            string pair;
            try
            {
                pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException e)
            {
                throw new SecretFileException($"{Setting}: the 'auth' of {authority} in '{path}' is not base64.", e);
            }
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new SecretFileException($"{Setting}: the 'auth' of {authority} in '{path}' is not base64 of user:password.");
            return RegistryCredential.Basic(pair[..colon], pair[(colon + 1)..]);
        }
        if (Get("username") is { } username && Get("password") is { } password)
            return RegistryCredential.Basic(username, password);
        if (Get("registrytoken") is { } token)
            return RegistryCredential.Bearer(token);
        if (Get("identitytoken") is not null)
            throw new SecretFileException($"{Setting}: the entry of {authority} in '{path}' holds an OAuth identity token, which is not supported; use 'auth'.");
        throw new SecretFileException($"{Setting}: the entry of {authority} in '{path}' has no 'auth', 'username'/'password' or 'registrytoken'.");
    }

    // "https://registry.example:5000/v1/" → "registry.example:5000"; "registry.example" stays.
    private static string HostOf(string key)
    {
        var rest = key;
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            rest = rest[(scheme + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? rest[..slash] : rest;
    }
}
