using Microsoft.AspNetCore.Routing;

namespace Noa.Gateway;

/// <summary>
/// How another module's endpoints join the gateway's API (the capsule module's, for one): each needs an API key holding
/// a scope, is audited (<c>ApiCalled</c>) and rate-limited, and its errors are problem details — the same middleware as
/// the gateway's own endpoints. The module must be active with the gateway (depend on it).
/// </summary>
public static class ApiEndpointExtensions
{
    /// <summary>The scope that lets a key start, run commands in and remove capsules.</summary>
    public const string CapsulesRun = ApiScopes.CapsulesRun;

    /// <summary>The scope that lets a key list capsules and read their state and logs.</summary>
    public const string CapsulesRead = ApiScopes.CapsulesRead;

    /// <summary>The endpoint needs a valid API key holding <paramref name="scope"/> (<c>admin</c> holds every scope).</summary>
    public static TBuilder RequireApiScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireScope(scope);

    /// <summary>The id of the API key calling, or null outside an authenticated call.</summary>
    public static string? ApiKeyId(this HttpContext context) => context.Features.Get<ApiCaller>()?.KeyId;

    /// <summary>Whether the calling key holds <c>admin</c> (which sees every tenant's resources).</summary>
    public static bool ApiKeyHasAdmin(this HttpContext context) =>
        context.Features.Get<ApiCaller>()?.Scopes.Contains(ApiScopes.Admin, StringComparer.Ordinal) == true;
}
