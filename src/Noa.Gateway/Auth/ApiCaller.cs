using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>Who is calling: the authenticated key, stored as a request feature.</summary>
/// <param name="KeyId">The key id, the actor in the audit trail.</param>
/// <param name="Scopes">Its scopes.</param>
/// <param name="Tenant">The tenant it creates runs for and reads the runs of.</param>
internal sealed record ApiCaller(string KeyId, IReadOnlyList<string> Scopes, string Tenant)
{
    /// <summary>Whether the key holds <c>admin</c>, which implies every scope and sees every tenant.</summary>
    public bool IsAdmin => Scopes.Contains(ApiScopes.Admin, StringComparer.Ordinal);

    public bool Has(string scope) => Scopes.Contains(scope, StringComparer.Ordinal) || IsAdmin;

    /// <summary>The tenant reads are limited to; null (every tenant) for an admin.</summary>
    public string? ReadTenant => IsAdmin ? null : Tenant;

    /// <summary>Whether the caller may see and act on the run.</summary>
    public bool Owns(RunRecord run) => IsAdmin || string.Equals(run.Request.Tenant, Tenant, StringComparison.Ordinal);
}
