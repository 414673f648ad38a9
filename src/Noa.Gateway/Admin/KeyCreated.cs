namespace Noa.Gateway;

/// <summary>A new key; <paramref name="Key"/> is shown this once and cannot be read again.</summary>
/// <param name="Id">Key id.</param>
/// <param name="Name">What it is for.</param>
/// <param name="Scopes">Its scopes.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="Key">The whole key to send: <c>noa_ID_SECRET</c>.</param>
/// <param name="Tenant">The tenant it acts for.</param>
internal sealed record KeyCreated(string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string Key, string Tenant);
