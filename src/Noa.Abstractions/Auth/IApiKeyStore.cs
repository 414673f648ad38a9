namespace Noa.Abstractions;

/// <summary>Durable API keys (hashed). Implementations: SQLite, Postgres.</summary>
public interface IApiKeyStore
{
    /// <summary>Creates or replaces the key with <see cref="ApiKey.Id"/>.</summary>
    Task SaveKeyAsync(ApiKey key, CancellationToken cancellationToken = default);

    /// <summary>Returns a key (revoked or not), or null.</summary>
    Task<ApiKey?> GetKeyAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every key, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks a key revoked at <paramref name="at"/>; returns false when there is no such key.
    /// Revoking a revoked key keeps the first time.</summary>
    Task<bool> RevokeKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);
}
