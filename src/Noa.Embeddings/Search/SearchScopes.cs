using Noa.Abstractions.Profiles;

namespace Noa.Embeddings.Search;

/// <summary>
/// The scope names <c>noa search --scope</c> and <c>GET /search?scope=</c> take: the Classifier's scopes
/// (<see cref="FileScopes"/>), <c>docs</c> for documentation, and <c>all</c> for no restriction.
/// </summary>
public static class SearchScopes
{
    /// <summary>Every name accepted, in the order help texts list them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["all", FileScopes.Product, FileScopes.Test, "docs", FileScopes.Example, FileScopes.Fixture, FileScopes.Benchmark, FileScopes.Generated, FileScopes.Vendored, FileScopes.Documentation];

    /// <summary>The filter's scope for a name (null for <c>all</c> or none given); false when the name is not a scope.</summary>
    public static bool TryParse(string? name, out string? scope)
    {
        scope = null;
        if (name is null || name.Equals("all", StringComparison.OrdinalIgnoreCase))
            return true;
        var lower = name.ToLowerInvariant();
        scope = lower == "docs" ? FileScopes.Documentation : FileScopes.All.FirstOrDefault(s => s == lower);
        return scope is not null;
    }

    /// <summary>What to say about a name that is not a scope.</summary>
    public static string Error(string name) => $"'{name}' is not a scope; scopes: {string.Join(", ", Names)}";
}
