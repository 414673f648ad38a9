namespace Noa.Gateway;

/// <summary>The body of <c>POST /admin/keys</c>.</summary>
/// <param name="Name">What the key is for.</param>
/// <param name="Scopes">Scopes to grant: <c>digest:write</c>, <c>runs:read</c>, <c>admin</c>.</param>
/// <param name="Tenant">The tenant (a project) whose runs the key creates and sees; left out, the key is a tenant of its own.</param>
internal sealed record KeyRequest(string? Name = null, IReadOnlyList<string>? Scopes = null, string? Tenant = null);
