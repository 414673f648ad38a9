namespace Noa.Abstractions;

/// <summary>
/// An API key as stored: never the secret itself, only the SHA-256 of it. Clients present
/// <c>noa_{Id}_{secret}</c>; the id finds the record, the secret's hash is compared in constant time.
/// </summary>
public sealed record ApiKey
{
    /// <summary>Public key id (letters and digits), also the actor name in the audit trail.</summary>
    public required string Id { get; init; }

    /// <summary>What the key is for, as given when created.</summary>
    public required string Name { get; init; }

    /// <summary>Lower-case hex SHA-256 of the secret part.</summary>
    public required string SecretHash { get; init; }

    /// <summary>Granted scopes, e.g. <c>digest:write</c>, <c>runs:read</c>, <c>admin</c>.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who created it (a key id, or <c>bootstrap</c>).</summary>
    public required string CreatedBy { get; init; }

    /// <summary>The tenant whose runs the key creates and sees (<see cref="Tenants"/>): a project several keys share;
    /// null when the key is a tenant of its own (its <see cref="Id"/>).</summary>
    public string? Tenant { get; init; }

    /// <summary>When it was revoked; a revoked key never authenticates again.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
}
