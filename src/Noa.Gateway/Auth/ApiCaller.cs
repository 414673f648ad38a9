namespace Noa.Gateway;

/// <summary>Who is calling: the authenticated key, stored as a request feature.</summary>
/// <param name="KeyId">The key id, the actor in the audit trail.</param>
/// <param name="Scopes">Its scopes.</param>
internal sealed record ApiCaller(string KeyId, IReadOnlyList<string> Scopes)
{
    public bool Has(string scope) => Scopes.Contains(scope, StringComparer.Ordinal) || Scopes.Contains(ApiScopes.Admin, StringComparer.Ordinal);
}
