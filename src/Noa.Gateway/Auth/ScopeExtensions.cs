using Microsoft.AspNetCore.Builder;

namespace Noa.Gateway;

/// <summary>Marks endpoints as needing an API key.</summary>
internal static class ScopeExtensions
{
    /// <summary>The endpoint needs a valid key, holding <paramref name="scope"/> when given.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string? scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope));
}
