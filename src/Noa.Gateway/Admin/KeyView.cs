using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>A key as listed: everything but the hash.</summary>
/// <param name="Id">Key id.</param>
/// <param name="Name">What it is for.</param>
/// <param name="Scopes">Its scopes.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">Which key created it.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="Tenant">The tenant it acts for.</param>
internal sealed record KeyView(string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt,
    string Tenant)
{
    public static KeyView Of(ApiKey key) => new(key.Id, key.Name, key.Scopes, key.CreatedAt, key.CreatedBy, key.RevokedAt, key.Tenant ?? key.Id);
}
