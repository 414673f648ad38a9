using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>
/// Turns a presented key into an <see cref="ApiCaller"/>. Looked-up records (and unknown ids) are cached for
/// <see cref="GatewayOptions.KeyCacheTtl"/> so a hot client costs one hash, not one query, per request;
/// changes made through this gateway drop the cached record at once.
/// </summary>
internal sealed class ApiKeyAuthenticator(IApiKeyStore store, TimeProvider time, IOptions<GatewayOptions> options)
{
    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = options.Value.KeyCacheTtl;

    public async ValueTask<ApiCaller?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeySecret.TryParse(presented, out var id, out var secret))
            return null;
        var key = await FindAsync(id, cancellationToken);
        if (key is null || key.RevokedAt is not null || !ApiKeySecret.Matches(secret, key.SecretHash))
            return null;
        return new ApiCaller(key.Id, key.Scopes, key.Tenant ?? key.Id);
    }

    public void Forget(string id) => _cache.TryRemove(id, out _);

    /// <summary>
    /// Whether the presented key is a valid, unrevoked key this gateway looked up within the cache time, answered from the
    /// cache alone (no store query), so a client out of anonymous tokens that holds a good key is still served.
    /// </summary>
    public bool IsKnownGood(string? presented)
    {
        if (!ApiKeySecret.TryParse(presented, out var id, out var secret) || !_cache.TryGetValue(id, out var cached))
            return false;
        return cached.Key is { RevokedAt: null } key && time.GetUtcNow() - cached.At < _ttl && ApiKeySecret.Matches(secret, key.SecretHash);
    }

    private async ValueTask<ApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(id, out var cached) && now - cached.At < _ttl)
            return cached.Key;
        var key = await store.GetKeyAsync(id, cancellationToken);
        if (_cache.Count > 10_000)
            _cache.Clear(); // a flood of made-up ids must not grow the cache without bound
        _cache[id] = new CachedKey(key, now);
        return key;
    }

    private readonly record struct CachedKey(ApiKey? Key, DateTimeOffset At);
}
