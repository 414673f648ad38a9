namespace Noa.Safety.Sbom.Parsing;

/// <summary>Folders whose manifests do not describe the project's own dependencies: installed or vendored copies
/// (read as part of their parent's lockfile, or not at all) and test fixtures (inputs that tests feed to tools).</summary>
internal static class ManifestFolders
{
    private static readonly HashSet<string> Installed = new(StringComparer.Ordinal) { "node_modules", "vendor", "bower_components", ".git" };

    // Go's tool ignores testdata/; Jest keeps __fixtures__; Rails, Mocha and most others say fixtures. Case-insensitive
    // because .NET test projects write Fixtures/.
    private static readonly HashSet<string> Fixture = new(StringComparer.OrdinalIgnoreCase)
    {
        "testdata", "test-data", "test_data", "fixtures", "fixture", "__fixtures__", "test-fixtures", "test_fixtures", "testfixtures",
    };

    /// <summary>True when a folder on the '/'-separated relative path (not the file itself, not the source root) holds
    /// installed or vendored packages.</summary>
    public static bool IsInstalled(string path) => Folders(path).Any(Installed.Contains);

    /// <summary>True when a folder on the '/'-separated relative path is a test-fixture folder. The path is relative to
    /// the source root, so a root that is itself a fixture folder keeps its manifests.</summary>
    public static bool IsFixture(string path) => Folders(path).Any(Fixture.Contains);

    private static IEnumerable<string> Folders(string path) => path.Split('/').SkipLast(1);
}
