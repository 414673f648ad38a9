namespace Noa.Gateway;

/// <summary>The body of <c>POST /admin/keys</c>.</summary>
/// <param name="Name">What the key is for.</param>
/// <param name="Scopes">Scopes to grant: <c>digest:write</c>, <c>runs:read</c>, <c>admin</c>.</param>
internal sealed record KeyRequest(string? Name = null, IReadOnlyList<string>? Scopes = null);
