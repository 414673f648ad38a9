using System.Text.Json;
using Microsoft.Data.Sqlite;
using Noa.Abstractions;

namespace Noa.Storage.Sqlite;

/// <summary>The gateway's tables (migration 3): API keys and policy documents.</summary>
public sealed partial class SqliteMetadataStore : IApiKeyStore, IPolicyStore
{
    private const string KeyColumns = "SELECT key_id, name, secret_hash, scopes, created_at, created_by, revoked_at FROM api_keys";

    /// <inheritdoc />
    public Task SaveKeyAsync(ApiKey key, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO api_keys (key_id, name, secret_hash, scopes, created_at, created_by, revoked_at)
            VALUES ($id, $name, $hash, $scopes, $created, $by, $revoked)
            ON CONFLICT (key_id) DO UPDATE SET name = excluded.name, secret_hash = excluded.secret_hash,
                scopes = excluded.scopes, created_at = excluded.created_at, created_by = excluded.created_by,
                revoked_at = excluded.revoked_at;
            """, p =>
        {
            p.AddWithValue("$id", key.Id);
            p.AddWithValue("$name", key.Name);
            p.AddWithValue("$hash", key.SecretHash);
            p.AddWithValue("$scopes", JsonSerializer.Serialize(key.Scopes, SqlText.Json));
            p.AddWithValue("$created", SqlText.Time(key.CreatedAt));
            p.AddWithValue("$by", key.CreatedBy);
            p.AddWithValue("$revoked", SqlText.TimeOrNull(key.RevokedAt));
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<ApiKey?> GetKeyAsync(string id, CancellationToken cancellationToken = default)
    {
        var keys = await QueryAsync($"{KeyColumns} WHERE key_id = $id;", p => p.AddWithValue("$id", id), MetadataRows.Key, cancellationToken);
        return keys.Count == 0 ? null : keys[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"{KeyColumns} ORDER BY created_at, key_id;", _ => { }, MetadataRows.Key, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RevokeKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $at) WHERE key_id = $id;", p =>
        {
            p.AddWithValue("$id", id);
            p.AddWithValue("$at", SqlText.Time(at));
        }, cancellationToken);
        return await GetKeyAsync(id, cancellationToken) is not null;
    }

    /// <inheritdoc />
    public Task SavePolicyAsync(PolicyDocument policy, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO policies (name, content, updated_at, updated_by) VALUES ($name, $content, $at, $by)
            ON CONFLICT (name) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
            """, p =>
        {
            p.AddWithValue("$name", policy.Name);
            p.AddWithValue("$content", policy.Content);
            p.AddWithValue("$at", SqlText.Time(policy.UpdatedAt));
            p.AddWithValue("$by", policy.UpdatedBy);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<PolicyDocument?> GetPolicyAsync(string name, CancellationToken cancellationToken = default)
    {
        var policies = await QueryAsync("SELECT name, content, updated_at, updated_by FROM policies WHERE name = $name;",
            p => p.AddWithValue("$name", name), MetadataRows.Policy, cancellationToken);
        return policies.Count == 0 ? null : policies[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PolicyDocument>> ListPoliciesAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT name, content, updated_at, updated_by FROM policies ORDER BY name;", _ => { }, MetadataRows.Policy, cancellationToken);
}
