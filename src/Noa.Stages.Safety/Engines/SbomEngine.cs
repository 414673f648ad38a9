using Noa.Safety.Sbom;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Engines;

/// <summary>The SBOM: every lockfile and manifest of the snapshot (npm, Python, Go, Rust, Java, .NET, Ruby, PHP) →
/// <c>sbom.cdx.json</c> (CycloneDX 1.6) and <c>sbom.spdx.json</c> (SPDX 2.3); publishes the packages for the
/// vulnerability engine and the declared licences for the licence gate.</summary>
internal sealed class SbomEngine : ISafetyEngine
{
    public const string CycloneDxPath = "sbom.cdx.json";
    public const string SpdxPath = "sbom.spdx.json";
    private const long MaxManifestBytes = 32 * 1024 * 1024;

    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "package-lock.json", "npm-shrinkwrap.json", "package.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "Pipfile.lock",
        "Pipfile", "uv.lock", "pyproject.toml", "go.mod", "go.sum", "Cargo.lock", "Cargo.toml", "pom.xml", "gradle.lockfile",
        "packages.lock.json", "Directory.Packages.props", "Directory.Build.props", "Gemfile.lock", "Gemfile", "composer.lock", "composer.json",
    };

    public string Name => "sbom";

    public async Task<EngineResult> RunAsync(SafetyInput input, CancellationToken cancellationToken)
    {
        try
        {
            var files = new List<(string, byte[])>();
            var skipped = new List<SkippedInput>();
            foreach (var f in input.Files.Select(f => f.File).Where(f => IsManifest(f.Path)))
            {
                if (f.Size > MaxManifestBytes)
                {
                    // Its packages would vanish from the SBOM and the vulnerability match: listed, for the policy.
                    skipped.Add(new SkippedInput(Name, f.Path, SkipReasons.TooLarge, $"{f.Size:N0} bytes, over the SBOM's {MaxManifestBytes:N0}-byte limit for a manifest"));
                    continue;
                }
                var stream = await input.Source.OpenReadAsync(f, cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    using var buffer = new MemoryStream();
                    await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                    files.Add((f.Path, buffer.ToArray()));
                }
            }
            var sbom = SbomBuilder.Build(files, input.ProjectName, cancellationToken);
            input.Packages.TrySetResult(sbom.Components.Select(c => new PackageRef(Ecosystem(c.Ecosystem) ?? c.Ecosystem, c.FullName, c.Version, c.Purl)).ToList());

            await WriteAsync(input, CycloneDxPath, "application/vnd.cyclonedx+json", s => CycloneDxWriter.Write(sbom, s), cancellationToken).ConfigureAwait(false);
            await WriteAsync(input, SpdxPath, "application/spdx+json", s => SpdxWriter.Write(sbom, s), cancellationToken).ConfigureAwait(false);

            // Only declared licences: a package whose lockfile says nothing was not looked up, which is not "unknown".
            var licenses = sbom.Components.Where(c => c.License is not null).Select(c => new LicenseUse(c.Purl, c.License!.Expression)).ToList();
            var pinned = sbom.Components.Count(c => c.Version is not null);
            var notes = sbom.Problems.Where(p => !p.Unread).Select(p => $"{p.Path}: {p.Message}").ToList();
            skipped.AddRange(sbom.Problems.Where(p => p.Unread).Select(p => new SkippedInput(Name, p.Path, SkipReasons.Unparsable, p.Message)));
            skipped.AddRange(sbom.ExcludedFixtures.Select(p => new SkippedInput(Name, p, SkipReasons.Excluded,
                "a manifest under a test-fixture folder (fixtures, testdata, __fixtures__…): an input of tests, not this project's dependencies")));
            return new EngineResult([], licenses, null,
                $"{sbom.Components.Count} components ({pinned} pinned, {sbom.Components.Count(c => c.Direct)} direct), {licenses.Count} declared licences",
                notes) { Skipped = skipped };
        }
        finally
        {
            input.Packages.TrySetResult([]); // the vulnerability engine never waits on a failed SBOM
        }
    }

    private static bool IsManifest(string path)
    {
        var name = Path.GetFileName(path);
        return Names.Contains(name) || name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)
            || (name.StartsWith("requirements", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase));
    }

    // purl types → OSV ecosystems.
    private static string? Ecosystem(string purlType) => purlType switch
    {
        "npm" => "npm",
        "pypi" => "PyPI",
        "golang" => "Go",
        "cargo" => "crates.io",
        "maven" => "Maven",
        "nuget" => "NuGet",
        "gem" => "RubyGems",
        "composer" => "Packagist",
        _ => null,
    };

    private static async Task WriteAsync(SafetyInput input, string path, string mediaType, Action<Stream> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        await input.Artifacts.WriteAsync(path, buffer, mediaType, cancellationToken).ConfigureAwait(false);
    }
}
