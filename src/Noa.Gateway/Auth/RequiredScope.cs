namespace Noa.Gateway;

/// <summary>Endpoint metadata: the endpoint needs a valid API key, holding <see cref="Scope"/> when set.</summary>
/// <param name="Scope">The scope needed; null for any valid key.</param>
internal sealed record RequiredScope(string? Scope);
