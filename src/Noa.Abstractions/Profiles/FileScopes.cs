namespace Noa.Abstractions.Profiles;

/// <summary>
/// What a file is to the software, decided by the Classifier from its path and the conventions of build tools and
/// test frameworks (never from what a function is called). Each file of <c>files.json</c> has exactly one.
/// </summary>
public static class FileScopes
{
    /// <summary>The software itself: what is built, shipped or run, with its build and deployment files.</summary>
    public const string Product = "product";

    /// <summary>Tests and test helpers: test folders and projects, test file names of the language's frameworks, test runner configuration.</summary>
    public const string Test = "test";

    /// <summary>Data the tests read: fixtures, testdata, snapshots, test resources.</summary>
    public const string Fixture = "fixture";

    /// <summary>Examples, samples and demos.</summary>
    public const string Example = "example";

    /// <summary>Benchmarks.</summary>
    public const string Benchmark = "benchmark";

    /// <summary>Documentation and prose.</summary>
    public const string Documentation = "documentation";

    /// <summary>Written by a tool: lockfiles, generated code, minified bundles.</summary>
    public const string Generated = "generated";

    /// <summary>Third-party code kept in the tree.</summary>
    public const string Vendored = "vendored";

    /// <summary>Every scope, in the order the Classifier decides them.</summary>
    public static IReadOnlyList<string> All { get; } = [Vendored, Fixture, Generated, Example, Benchmark, Test, Documentation, Product];

    /// <summary>Whether a scope is the repository's own code and build: product, test or benchmark (the profile's build systems and
    /// frameworks come from these; examples, fixtures and documentation describe other software).</summary>
    public static bool IsOwn(string? scope) => scope is Product or Test or Benchmark;
}
