using System.Text.RegularExpressions;
using Noa.Stages.Classifier.Scanning;

namespace Noa.Stages.Classifier.Scoping;

/// <summary>
/// The project-level test convention of .NET: a project that references the test SDK or a test framework (or says
/// <c>&lt;IsTestProject&gt;true</c>, or uses <c>MSTest.Sdk</c>) is a test project whatever its folder is called, and every product file
/// whose nearest project folder is its folder is a test file. Only project files in product scope are read.
/// </summary>
internal static partial class TestProjects
{
    [GeneratedRegex("""<PackageReference\s+Include\s*=\s*"(?:Microsoft\.NET\.Test\.Sdk|xunit|xunit\.v3|xunit\.v3\.core|NUnit|MSTest|MSTest\.TestFramework|TUnit|TUnit\.Core)"|<IsTestProject>\s*true\s*</IsTestProject>|Sdk\s*=\s*"MSTest\.Sdk""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TestReference();

    public static async Task ApplyAsync(FileScan[] scans, Func<string, CancellationToken, Task<string?>> read, CancellationToken cancellationToken)
    {
        // Project folder → whether it is a test project; a file belongs to the deepest project folder above it.
        var projects = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var scan in scans)
        {
            if (scan.Scope != FileScopes.Product || !IsProjectFile(scan.Path) || scan.Size > Manifests.ManifestAnalyzer.MaxManifestBytes)
            {
                continue;
            }
            var slash = scan.Path.LastIndexOf('/');
            var folder = slash < 0 ? "" : scan.Path[..(slash + 1)];
            var test = await read(scan.Path, cancellationToken).ConfigureAwait(false) is { } text && TestReference().IsMatch(text);
            projects[folder] = projects.GetValueOrDefault(folder) | test;
        }
        if (!projects.ContainsValue(true))
        {
            return;
        }
        foreach (var scan in scans)
        {
            if (scan.Scope != FileScopes.Product)
            {
                continue;
            }
            for (var slash = scan.Path.LastIndexOf('/'); ; slash = scan.Path.LastIndexOf('/', slash - 1))
            {
                var folder = slash < 0 ? "" : scan.Path[..(slash + 1)];
                if (projects.TryGetValue(folder, out var test))
                {
                    if (test)
                    {
                        scan.Scope = FileScopes.Test;
                    }
                    break;
                }
                if (slash <= 0)
                {
                    break;
                }
            }
        }
    }

    internal static bool IsProjectFile(string path) =>
        path.EndsWith(".csproj", StringComparison.Ordinal) || path.EndsWith(".fsproj", StringComparison.Ordinal) || path.EndsWith(".vbproj", StringComparison.Ordinal);
}
