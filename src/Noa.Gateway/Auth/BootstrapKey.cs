using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Credentials;

namespace Noa.Gateway;

/// <summary>
/// At start, makes the key in <see cref="GatewayOptions.BootstrapKeyFile"/> an admin key: created when
/// missing, its hash updated when the file's secret changed, left alone once revoked (revocation wins). Without the
/// setting and without any usable key in the store, it says so: every API call would answer 401.
/// </summary>
internal sealed partial class BootstrapKey(IApiKeyStore store, ApiKeyAuthenticator authenticator, TimeProvider time, IOptions<GatewayOptions> options,
    ILogger<BootstrapKey> logger) : IHostedService
{
    public const string DefaultId = "bootstrap";
    private const int MinSecretLength = 32;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BootstrapKeyFile is not { } file)
        {
            if (!(await store.ListKeysAsync(cancellationToken)).Any(k => k.RevokedAt is null))
                Log.NoApiKey(logger, GatewayOptions.Section);
            return;
        }
        if (!TryRead(file, out var key, out var problem))
            throw new InvalidOperationException($"{GatewayOptions.Section}:BootstrapKeyFile '{file}': {problem}");
        var (id, secret) = key;
        var hash = ApiKeySecret.Hash(secret);
        var stored = await store.GetKeyAsync(id, cancellationToken);
        if (stored is { RevokedAt: not null } || stored?.SecretHash == hash)
            return;
        await store.SaveKeyAsync(new ApiKey
        {
            Id = id, Name = "bootstrap admin key (from file)", SecretHash = hash, Scopes = [ApiScopes.Admin],
            CreatedAt = stored?.CreatedAt ?? time.GetUtcNow(), CreatedBy = DefaultId,
        }, cancellationToken);
        authenticator.Forget(id);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads <c>noa_ID_SECRET</c>, or a bare secret for the id <see cref="DefaultId"/>.</summary>
    public static bool TryRead(string file, out (string Id, string Secret) key, out string problem)
    {
        key = default;
        string text;
        try
        {
            text = new SecretFile(file, $"{GatewayOptions.Section}:BootstrapKeyFile").Read().Trim();
        }
        catch (SecretFileException e)
        {
            problem = e.Message;
            return false;
        }
        if (ApiKeySecret.TryParse(text, out var id, out var secret))
            key = (id, secret);
        else if (text.StartsWith(ApiKeySecret.Prefix, StringComparison.Ordinal))
        {
            problem = "it starts with 'noa_' but is not 'noa_ID_SECRET' (ID: lower-case letters and digits).";
            return false;
        }
        else
            key = (DefaultId, text);
        if (key.Secret.Length < MinSecretLength || key.Secret.Any(char.IsWhiteSpace))
        {
            problem = $"the secret must be at least {MinSecretLength} characters without spaces (e.g. 'openssl rand -hex 32').";
            return false;
        }
        problem = "";
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.NoApiKey, Level = LogLevel.Warning,
            Message = "No API key exists yet: every call but /healthz, /readyz and /metrics answers 401. Put a secret in a file (openssl rand -hex 32 > admin-key), set {Section}:BootstrapKeyFile to it and restart; then send 'Authorization: Bearer noa_bootstrap_' followed by the secret")]
        public static partial void NoApiKey(ILogger logger, string section);
    }
}
