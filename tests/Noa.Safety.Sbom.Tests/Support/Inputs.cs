namespace Noa.Safety.Sbom.Tests.Support;

/// <summary>Finds the test inputs: fixtures next to the assembly, the repository's corpora and fetched schemas.</summary>
internal static class Inputs
{
    public static List<(string Path, byte[] Content)> Fixture(string name) => Folder(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static List<(string Path, byte[] Content)> Folder(string root, Func<string, bool>? include = null) => Directory
        .EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
        .Where(p => include?.Invoke(p) ?? true)
        .Order(StringComparer.Ordinal)
        .Select(p => (p, File.ReadAllBytes(Path.Combine(root, p))))
        .ToList();

    public static Sbom Build(string fixture) => SbomBuilder.Build(Fixture(fixture), fixture);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Noa.slnx not found above the test assembly");
    }

    /// <summary>.cache/corpora, or null when scripts/corpora.sh has not run (a failure under CI=true).</summary>
    public static string? CorporaRoot()
    {
        var corpora = Path.Combine(RepositoryRoot(), ".cache", "corpora");
        var present = Directory.Exists(corpora) && Directory.EnumerateDirectories(corpora).Any();
        if (!present)
            Requirement.Unmet(".cache/corpora is missing: run scripts/corpora.sh before the tests");
        return corpora;
    }

    /// <summary>One line per component, "purl scope direct|transitive", to compare whole parses at a glance.</summary>
    public static string[] Describe(Sbom sbom) => sbom.Components
        .Select(c => $"{c.Purl} {c.Scope.ToString().ToLowerInvariant()} {(c.Direct ? "direct" : "transitive")}").ToArray();

    public static string[] Edges(Sbom sbom) => sbom.Dependencies
        .SelectMany(d => d.DependsOn.Select(t => $"{d.Ref} -> {t}")).ToArray();
}
