using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Storage.Sql;

/// <summary>The gateway's tables (migration 3): API keys and policy documents.</summary>
public abstract partial class SqlMetadataStore : IApiKeyStore, IPolicyStore
{
    private const string KeyColumns = "SELECT key_id, name, secret_hash, scopes, created_at, created_by, revoked_at, tenant FROM api_keys";
    private const string PolicyColumns = "SELECT name, content, updated_at, updated_by FROM policies";

    /// <inheritdoc />
    public Task SaveKeyAsync(ApiKey key, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO api_keys (key_id, name, secret_hash, scopes, created_at, created_by, revoked_at, tenant)
            VALUES (@id, @name, @hash, @scopes, @created, @by, @revoked, @tenant)
            ON CONFLICT (key_id) DO UPDATE SET name = excluded.name, secret_hash = excluded.secret_hash,
                scopes = excluded.scopes, created_at = excluded.created_at, created_by = excluded.created_by,
                revoked_at = excluded.revoked_at, tenant = excluded.tenant;
            """, p => p
            .Text("tenant", key.Tenant)
            .Text("id", key.Id)
            .Text("name", key.Name)
            .Text("hash", key.SecretHash)
            .Text("scopes", JsonSerializer.Serialize(key.Scopes, SqlText.Json))
            .Time("created", key.CreatedAt)
            .Text("by", key.CreatedBy)
            .Time("revoked", key.RevokedAt), cancellationToken);

    /// <inheritdoc />
    public async Task<ApiKey?> GetKeyAsync(string id, CancellationToken cancellationToken = default)
    {
        var keys = await QueryAsync($"{KeyColumns} WHERE key_id = @id;", p => p.Text("id", id), MetadataRows.Key, cancellationToken);
        return keys.Count == 0 ? null : keys[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"{KeyColumns} ORDER BY created_at, key_id{{ordinal}};", _ => { }, MetadataRows.Key, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RevokeKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @at) WHERE key_id = @id;",
            p => p.Text("id", id).Time("at", at), cancellationToken);
        return await GetKeyAsync(id, cancellationToken) is not null;
    }

    /// <inheritdoc />
    public Task SavePolicyAsync(PolicyDocument policy, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO policies (name, content, updated_at, updated_by) VALUES (@name, @content, @at, @by)
            ON CONFLICT (name) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
            """, p => p
            .Text("name", policy.Name)
            .Text("content", policy.Content)
            .Time("at", policy.UpdatedAt)
            .Text("by", policy.UpdatedBy), cancellationToken);

    /// <inheritdoc />
    public async Task<PolicyDocument?> GetPolicyAsync(string name, CancellationToken cancellationToken = default)
    {
        var policies = await QueryAsync($"{PolicyColumns} WHERE name = @name;", p => p.Text("name", name), MetadataRows.Policy, cancellationToken);
        return policies.Count == 0 ? null : policies[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PolicyDocument>> ListPoliciesAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"{PolicyColumns} ORDER BY name{{ordinal}};", _ => { }, MetadataRows.Policy, cancellationToken);
}
