using System.Text.Json;
using System.Xml.Linq;
using Noa.Safety.Sbom.Parsing;
using Noa.Safety.Sbom.Tests.Support;

namespace Noa.Safety.Sbom.Tests;

/// <summary>
/// The real lockfiles and manifests of the corpora that scripts/corpora.sh assembles: every package a
/// lockfile declares must come out exactly once with its version. Skips quietly when the corpora are
/// absent, except under CI=true where their absence is a failure.
/// </summary>
public sealed class CorpusTests
{
    // Build output is not source. Fixture folders (this repository's hold deliberately broken lockfiles; it is itself the
    // csharp corpus) are left out by the builder, so the declared packages leave them out too.
    private static readonly string[] Skipped = ["bin", "obj"];

    private static bool Manifest(string path)
    {
        var name = Path.GetFileName(path);
        return !path.Split('/').SkipLast(1).Any(Skipped.Contains) && !ManifestFolders.IsInstalled(path) && !ManifestFolders.IsFixture(path)
            && (name is "package-lock.json" or "go.mod" or "go.sum" or "Cargo.lock" or "Cargo.toml" or "Directory.Packages.props" or "pom.xml" or "yarn.lock"
                or "pnpm-lock.yaml" or "poetry.lock" or "uv.lock" or "Gemfile.lock" or "composer.lock" or "packages.lock.json" or "pyproject.toml"
                || name.EndsWith(".csproj", StringComparison.Ordinal) || (name.StartsWith("requirements", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal)));
    }

    private static List<(string Corpus, List<(string Path, byte[] Content)> Files, Sbom Sbom)> Corpora(string root) => Directory
        .EnumerateDirectories(root).Order(StringComparer.Ordinal)
        .Select(dir => (Path.GetFileName(dir), Inputs.Folder(dir, Manifest)))
        .Select(x => (x.Item1, x.Item2, SbomBuilder.Build(x.Item2, x.Item1))).ToList();

    [Fact]
    public void Build_EveryCorpusLockfile_ParsesWithoutProblems_IntoSchemaValidCycloneDx()
    {
        if (Inputs.CorporaRoot() is not { } root)
        {
            return;
        }
        var corpora = Corpora(root);
        Assert.Contains(corpora, c => c.Sbom.Components.Count > 0);
        Assert.All(corpora, c => Assert.True(c.Sbom.Problems.Count == 0, $"{c.Corpus}: {string.Join("; ", c.Sbom.Problems)}"));
        foreach (var (corpus, _, sbom) in corpora)
        {
            using var stream = new MemoryStream();
            CycloneDxWriter.Write(sbom, stream);
            if (Schemas.CycloneDxErrors(System.Text.Json.Nodes.JsonNode.Parse(stream.ToArray())!) is { } errors)
            {
                Assert.True(errors.Length == 0, $"{corpus}: {string.Join("\n", errors)}");
            }
        }
    }

    [Fact]
    public void Build_NpmPackageLocks_GiveEveryDeclaredPackageOnceWithItsVersion()
    {
        if (Inputs.CorporaRoot() is not { } root)
        {
            return;
        }
        var checkedLocks = 0;
        foreach (var (corpus, files, sbom) in Corpora(root))
        {
            var declared = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, content) in files.Where(f => f.Path.EndsWith("package-lock.json", StringComparison.Ordinal)))
            {
                using var doc = JsonDocument.Parse(content);
                foreach (var p in doc.RootElement.GetProperty("packages").EnumerateObject())
                {
                    var at = p.Name.LastIndexOf("node_modules/", StringComparison.Ordinal);
                    if (at >= 0 && !p.Value.TryGetProperty("link", out _))
                    {
                        var name = p.Value.TryGetProperty("name", out var n) ? n.GetString()! : p.Name[(at + 13)..];
                        declared.Add($"{name}@{p.Value.GetProperty("version").GetString()}");
                    }
                }
                checkedLocks++;
            }
            var produced = sbom.Components.Where(c => c.Ecosystem == "npm").Select(c => $"{c.FullName}@{c.Version}").ToList();
            Assert.Equal(produced.Count, produced.Distinct().Count());
            Assert.Equal(declared.Order(StringComparer.Ordinal), produced.Order(StringComparer.Ordinal));
            if (corpus == "npm")
            {
                Assert.Contains(sbom.Components, c => c is { Name: "express", Direct: true, Scope: ComponentScope.Runtime });
                Assert.All(sbom.Components, c => Assert.NotEmpty(c.Hashes));
                Assert.True(sbom.Components.Count(c => c.License?.Expression is not null) >= sbom.Components.Count * 9 / 10);
            }
        }
        Assert.True(checkedLocks > 0, "no package-lock.json in the corpora");
    }

    [Fact]
    public void Build_GoModules_GiveEveryRequiredModuleOnce_AndOnlyWhatGoModOrGoSumNames()
    {
        if (Inputs.CorporaRoot() is not { } root)
        {
            return;
        }
        foreach (var (_, files, sbom) in Corpora(root))
        {
            static IEnumerable<string[]> Words(IEnumerable<(string Path, byte[] Content)> files, string name) => files
                .Where(f => f.Path.EndsWith(name, StringComparison.Ordinal))
                .SelectMany(f => System.Text.Encoding.UTF8.GetString(f.Content).Split('\n'))
                .Select(l => l.Split("//")[0].Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            var required = Words(files, "go.mod")
                .Where(w => w.Length is 2 or 3 && w[^1].StartsWith('v') && w[^2].Contains('.') && w[0] is not "go" and not "module" and not "toolchain")
                // A module path may be quoted (`"github.com/creack/pty" v1.1.9`, as kr/text's go.mod in the suites corpus writes it).
                .Select(w => $"{w[^2].Trim('"')}@{w[^1]}").ToHashSet();
            var summed = Words(files, "go.sum").Where(w => w.Length == 3).Select(w => $"{w[0]}@{w[1]}").ToHashSet();
            var produced = sbom.Components.Where(c => c.Ecosystem == "golang").Select(c => $"{c.FullName}@{c.Version}").ToList();
            Assert.Equal(produced.Count, produced.Distinct().Count());
            Assert.All(required, r => Assert.Contains(r, produced));
            Assert.All(produced, p => Assert.True(required.Contains(p) || summed.Contains(p), $"{p} is in no go.mod or go.sum"));
        }
    }

    [Fact]
    public void Build_CargoManifests_GiveEveryDeclaredDependency()
    {
        var root = Inputs.CorporaRoot()!;
        if (!Directory.Exists(Path.Combine(root, "rust")))
        {
            Requirement.Unmet($"{root}/rust is missing: run scripts/corpora.sh rust");
        }
        var (_, files, sbom) = Corpora(root).Single(c => c.Corpus == "rust");
        var declared = files.Where(f => f.Path.EndsWith("Cargo.toml", StringComparison.Ordinal))
            .SelectMany(f => System.Text.Encoding.UTF8.GetString(f.Content).Split('\n'))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l.Trim(), @"^\[(?:target\..+\.)?(?:dev-|build-)?dependencies\.([A-Za-z0-9_-]+)\]$"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.NotEmpty(declared);
        var produced = sbom.Components.Where(c => c.Ecosystem == "cargo").Select(c => c.Name).ToHashSet();
        Assert.All(declared, d => Assert.Contains(d, produced));
    }

    [Fact]
    public void Build_CsprojWithCentralVersions_GiveEveryPackageReferenceWithItsCentralVersion()
    {
        if (Inputs.CorporaRoot() is not { } root || !Directory.Exists(Path.Combine(root, "csharp")))
        {
            return;
        }
        var (_, files, sbom) = Corpora(root).Single(c => c.Corpus == "csharp");
        var props = XDocument.Parse(System.Text.Encoding.UTF8.GetString(files.Single(f => f.Path == "Directory.Packages.props").Content));
        var versions = props.Descendants("PackageVersion").ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value);
        var referenced = files.Where(f => f.Path.EndsWith(".csproj", StringComparison.Ordinal))
            .SelectMany(f => XDocument.Parse(System.Text.Encoding.UTF8.GetString(f.Content)).Descendants("PackageReference"))
            .Select(e => e.Attribute("Include")!.Value).ToHashSet();
        Assert.NotEmpty(referenced);
        var produced = sbom.Components.Where(c => c.Ecosystem == "nuget").ToList();
        Assert.Equal(referenced.Order(StringComparer.Ordinal), produced.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(produced, c => Assert.Equal(versions[c.Name], c.Version));
    }
}
