using System.Data.Common;
using System.Text.Json;
using Noa.Abstractions;
using Noa.Storage.Sql;

namespace Noa.Storage.Postgres;

/// <summary>The gateway's tables (migration 3): API keys and policy documents, as the SQLite store keeps them.</summary>
public sealed partial class PostgresMetadataStore : IApiKeyStore, IPolicyStore
{
    private const string KeyColumns = "SELECT key_id, name, secret_hash, scopes, created_at, created_by, revoked_at FROM api_keys";

    /// <inheritdoc />
    public Task SaveKeyAsync(ApiKey key, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO api_keys (key_id, name, secret_hash, scopes, created_at, created_by, revoked_at)
            VALUES (@id, @name, @hash, @scopes, @created, @by, @revoked)
            ON CONFLICT (key_id) DO UPDATE SET name = excluded.name, secret_hash = excluded.secret_hash,
                scopes = excluded.scopes, created_at = excluded.created_at, created_by = excluded.created_by,
                revoked_at = excluded.revoked_at;
            """, p =>
        {
            Text(p, "id", key.Id);
            Text(p, "name", key.Name);
            Text(p, "hash", key.SecretHash);
            Text(p, "scopes", JsonSerializer.Serialize(key.Scopes, SqlText.Json));
            Text(p, "created", SqlText.Time(key.CreatedAt));
            Text(p, "by", key.CreatedBy);
            Text(p, "revoked", key.RevokedAt is { } at ? SqlText.Time(at) : null);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<ApiKey?> GetKeyAsync(string id, CancellationToken cancellationToken = default)
    {
        var keys = await QueryAsync($"{KeyColumns} WHERE key_id = @id;", p => Text(p, "id", id), MetadataRows.Key, cancellationToken);
        return keys.Count == 0 ? null : keys[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"{KeyColumns} ORDER BY created_at, key_id COLLATE \"C\";", _ => { }, MetadataRows.Key, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RevokeKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @at) WHERE key_id = @id;", p =>
        {
            Text(p, "id", id);
            Text(p, "at", SqlText.Time(at));
        }, cancellationToken);
        return await GetKeyAsync(id, cancellationToken) is not null;
    }

    /// <inheritdoc />
    public Task SavePolicyAsync(PolicyDocument policy, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO policies (name, content, updated_at, updated_by) VALUES (@name, @content, @at, @by)
            ON CONFLICT (name) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
            """, p =>
        {
            Text(p, "name", policy.Name);
            Text(p, "content", policy.Content);
            Text(p, "at", SqlText.Time(policy.UpdatedAt));
            Text(p, "by", policy.UpdatedBy);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<PolicyDocument?> GetPolicyAsync(string name, CancellationToken cancellationToken = default)
    {
        var policies = await QueryAsync("SELECT name, content, updated_at, updated_by FROM policies WHERE name = @name;",
            p => Text(p, "name", name), MetadataRows.Policy, cancellationToken);
        return policies.Count == 0 ? null : policies[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PolicyDocument>> ListPoliciesAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT name, content, updated_at, updated_by FROM policies ORDER BY name COLLATE \"C\";", _ => { }, MetadataRows.Policy, cancellationToken);
}
