using System.Text.RegularExpressions;

namespace Noa.Stages.Graph.Repository;

/// <summary>
/// What part of a repository a file belongs to: <c>product</c>, <c>test</c>, <c>fixture</c>, <c>example</c>,
/// <c>benchmark</c> or <c>documentation</c>, by its path and the test frameworks' own conventions (pytest's
/// <c>test_*.py</c>/<c>*_test.py</c>/<c>conftest.py</c>, Django's <c>tests.py</c>, Go's <c>_test.go</c>, Maven's
/// <c>src/test/</c>, jest's <c>__tests__</c>/<c>*.test.*</c>/<c>*.spec.*</c>, .NET test projects named <c>*.Tests</c>),
/// never by what a function is called. A scope the Classifier wrote for a file wins over these rules.
/// </summary>
internal sealed partial class Scopes(IReadOnlyDictionary<string, string>? classified = null)
{
    public const string Product = "product";
    public const string Test = "test";
    public const string Fixture = "fixture";
    public const string Example = "example";
    public const string Benchmark = "benchmark";
    public const string Documentation = "documentation";

    private static readonly HashSet<string> TestDirs = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "__tests__", "testing", "spec", "specs", "e2e", "cypress", "playwright", "integration-tests",
        "integration_tests", "unittests", "unit_tests", "fuzz", "fuzzing", "testutil", "testutils", "test-utils", "test_utils",
    };

    private static readonly HashSet<string> FixtureDirs = new(StringComparer.OrdinalIgnoreCase)
    {
        "testdata", "test-data", "test_data", "fixtures", "__fixtures__", "__mocks__", "__snapshots__", "mocks",
    };

    private static readonly HashSet<string> ExampleDirs = new(StringComparer.OrdinalIgnoreCase)
    {
        "example", "examples", "_examples", "sample", "samples", "demo", "demos", "tutorial", "tutorials", "playground",
    };

    private static readonly HashSet<string> BenchmarkDirs = new(StringComparer.OrdinalIgnoreCase)
    {
        "bench", "benches", "benchmark", "benchmarks", "benchsuite", "perf",
    };

    private static readonly HashSet<string> DocumentationDirs = new(StringComparer.OrdinalIgnoreCase) { "docs", "doc", "documentation", "docs_src" };

    /// <summary>The scope of <paramref name="path"/>.</summary>
    public string Of(string path) =>
        classified is not null && classified.TryGetValue(path, out var scope) && scope.Length > 0 ? scope : ByPath(path);

    /// <summary>Not product code: tests, fixtures, examples, benchmarks, documentation.</summary>
    public bool IsProduct(string path) => Of(path) == Product;

    /// <summary>A test or a test fixture.</summary>
    public bool IsTest(string path) => Of(path) is Test or Fixture;

    /// <summary>The scope by path conventions alone. The outermost telling folder decides (a fixture under
    /// <c>tests/</c> is a fixture, a test under <c>examples/</c> an example).</summary>
    public static string ByPath(string path)
    {
        var segments = path.Split('/');
        // Below a JVM-style source root (src/main/java/…, src/test/kotlin/…) the folders are package names
        // (org/springframework/samples/…): only what comes before, and the source set's name, decide.
        var sourceSet = Array.FindIndex(segments, 0, segments.Length - 1, s => s == "src");
        var limit = segments.Length - 1;
        if (sourceSet >= 0 && sourceSet + 2 < segments.Length - 1 && segments[sourceSet + 2] is "java" or "kotlin" or "scala" or "groovy" or "resources")
        {
            limit = sourceSet + 2;
        }
        for (var i = 0; i < limit; i++)
        {
            var s = segments[i];
            if (FixtureDirs.Contains(s))
            {
                return Fixture;
            }
            if (TestDirs.Contains(s) || TestProject().IsMatch(s) || (s == "src" && i + 1 < segments.Length - 1 && segments[i + 1] is "test" or "tests" or "androidTest" or "testFixtures" or "integrationTest"))
            {
                // tests/fixtures/x, test/testdata/x: fixtures of the tests
                return segments.Skip(i + 1).SkipLast(1).Any(FixtureDirs.Contains) ? Fixture : Test;
            }
            if (ExampleDirs.Contains(s))
            {
                return Example;
            }
            if (BenchmarkDirs.Contains(s))
            {
                return Benchmark;
            }
            if (DocumentationDirs.Contains(s))
            {
                return Documentation;
            }
        }
        return TestFileName().IsMatch(segments[^1]) ? Test : Product;
    }

    // .NET test projects: Foo.Tests, Foo.UnitTests, Foo.IntegrationTests, Foo.FunctionalTests, FooTests, Tests.Foo.
    [GeneratedRegex(@"^(.+[.\-_])?(Unit|Integration|Functional|Acceptance|E2E|EndToEnd|Architecture|Component|Api|Benchmark)?Tests?$|^.+Tests$|^Tests?\.", RegexOptions.CultureInvariant)]
    private static partial Regex TestProject();

    // test_x.py, x_test.py, x_tests.py, conftest.py, tests.py (Django), x_test.go, x.test.ts, x.spec.js, XTest.java,
    // XTests.java, XIT.java, XTests.cs, XTest.cs, XTest.kt, x_spec.rb.
    [GeneratedRegex(@"^(test_.+\.py|.+_tests?\.py|conftest\.py|tests\.py|.+_test\.go|.+\.(test|spec)\.[cm]?[jt]sx?|.+(Test|Tests|IT|Spec)\.(java|kt|cs|scala|groovy)|.+_spec\.rb|.+_test\.rs)$", RegexOptions.CultureInvariant)]
    private static partial Regex TestFileName();
}
