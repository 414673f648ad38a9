namespace Noa.Stages.Safety.Policy;

/// <summary>
/// Whether a file is a test, a test fixture or an example, from its path. main's <c>files.json</c> does not carry the
/// Classifier's scopes yet, so this reads the folder and file-name conventions of the common test frameworks; a file
/// none of them names is <c>product</c>. The policy's <c>scopes</c> decide what a finding in each scope does.
/// </summary>
public static class FileScope
{
    /// <summary>The software itself.</summary>
    public const string Product = "product";

    /// <summary>Tests and test helpers.</summary>
    public const string Test = "test";

    /// <summary>Data the tests read.</summary>
    public const string Fixture = "fixture";

    /// <summary>Examples, samples and demos.</summary>
    public const string Example = "example";

    /// <summary>The scopes a policy may name.</summary>
    public static IReadOnlyList<string> All { get; } = [Test, Fixture, Example];

    // The SBOM's test-fixture folders (Go's testdata, Jest's __fixtures__, fixtures); case-insensitive for .NET's Fixtures/.
    private static readonly HashSet<string> FixtureFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "testdata", "test-data", "test_data", "fixtures", "fixture", "__fixtures__", "test-fixtures", "test_fixtures", "testfixtures", "__snapshots__",
    };

    private static readonly HashSet<string> TestFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "__tests__", "spec", "specs", "__mocks__", "e2e", "testing",
    };

    private static readonly HashSet<string> ExampleFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "example", "examples", "sample", "samples", "demo", "demos",
    };

    /// <summary>The scope of the '/'-separated path relative to the source root: fixture before test (a fixture folder
    /// sits inside a test folder), then example, then the file-name conventions of tests.</summary>
    public static string Of(string path)
    {
        var parts = path.Split('/');
        var folders = parts[..^1];
        if (folders.Any(FixtureFolders.Contains)) { return Fixture; }
        if (folders.Any(TestFolders.Contains) || folders.Any(f => f.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase))) { return Test; }
        if (folders.Any(ExampleFolders.Contains)) { return Example; }
        return IsTestFileName(parts[^1]) ? Test : Product;
    }

    // go test's *_test.go, pytest's test_*.py and *_test.py, Jest/Vitest/Mocha's *.test.* and *.spec.*, JUnit's *Test.java,
    // xUnit/NUnit's *Tests.cs, RSpec's *_spec.rb.
    private static bool IsTestFileName(string name)
    {
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        var ext = dot > 0 ? name[(dot + 1)..] : "";
        return ext switch
        {
            "go" => stem.EndsWith("_test", StringComparison.Ordinal),
            "py" => stem.StartsWith("test_", StringComparison.Ordinal) || stem.EndsWith("_test", StringComparison.Ordinal),
            "js" or "jsx" or "ts" or "tsx" or "mjs" or "cjs" => stem.EndsWith(".test", StringComparison.Ordinal) || stem.EndsWith(".spec", StringComparison.Ordinal),
            "java" or "kt" => stem.EndsWith("Test", StringComparison.Ordinal) || stem.EndsWith("Tests", StringComparison.Ordinal),
            "cs" => stem.EndsWith("Tests", StringComparison.Ordinal) || stem.EndsWith("Test", StringComparison.Ordinal),
            "rb" => stem.EndsWith("_spec", StringComparison.Ordinal) || stem.EndsWith("_test", StringComparison.Ordinal),
            _ => false,
        };
    }
}
