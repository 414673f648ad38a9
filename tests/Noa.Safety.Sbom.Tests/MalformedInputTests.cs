namespace Noa.Safety.Sbom.Tests;

public sealed class MalformedInputTests
{
    public static TheoryData<string, string> Files() => new()
    {
        { "package-lock.json", "{\"packages\": {\"node_modules/a\": " },
        { "package-lock.json", "[1, 2]" },
        { "yarn.lock", "not a header line\n  version \"1\"" },
        { "yarn.lock", "\"a@^1:\n  version \"1" },
        { "pnpm-lock.yaml", "packages: [unclosed" },
        { "pnpm-lock.yaml", "packages: [1\nb: 2\n" },
        { "pnpm-lock.yaml", BillionLaughs() },
        { "pnpm-lock.yaml", "lockfileVersion: '9.0'\npackages: " + new string('[', 100_000) },
        { "poetry.lock", "[[package]\nname = " },
        { "uv.lock", "version = = 1" },
        { "Pipfile.lock", "{\"default\": " },
        { "pyproject.toml", "[project\ndependencies = [" },
        { "Cargo.lock", "[[package]]\nname = \"x\"\nversion = " },
        { "pom.xml", "<project><dependencies>" },
        { "pom.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><project>&e;</project>" },
        { "packages.lock.json", "{\"dependencies\": 3" },
        { "App.csproj", "<Project><ItemGroup><PackageReference Include=\"A\" Version=\"1\"></ItemGroup>" },
        { "composer.lock", "{\"packages\": [" },
        { "gradle.lockfile", "just-one-part=compileClasspath" },
        { "go.mod", "module x\nrequire (\n\tgithub.com/only/path\n)" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Build_MalformedFile_ReportsAProblemNamingItAndKeepsTheOthers(string name, string content)
    {
        var path = $"sub/{name}";
        var good = "{\"lockfileVersion\": 3, \"packages\": {\"\": {}, \"node_modules/ok\": {\"version\": \"1.0.0\"}}}";
        var sbom = SbomBuilder.Build([(path, System.Text.Encoding.UTF8.GetBytes(content)), ("good/package-lock.json", System.Text.Encoding.UTF8.GetBytes(good))], "p");

        var problem = Assert.Single(sbom.Problems);
        Assert.Equal(path, problem.Path);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        Assert.Contains(sbom.Components, c => c.Purl == "pkg:npm/ok@1.0.0");
    }

    [Fact]
    public void Build_PnpmLockBomb_IsAProblemNamingTheLimit()
    {
        var sbom = SbomBuilder.Build([("pnpm-lock.yaml", System.Text.Encoding.UTF8.GetBytes(BillionLaughs()))], "p");

        Assert.Contains("limit MaxNodes", Assert.Single(sbom.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => SbomBuilder.Build([("pnpm-lock.yaml", System.Text.Encoding.UTF8.GetBytes(BillionLaughs()))], "p", cancelled.Token));
    }

    // 10^9 strings in nine lines (a lockfile is untrusted input like any other).
    private static string BillionLaughs() =>
        "lockfileVersion: '9.0'\nl0: &l0 [lol]\n" + string.Concat(Enumerable.Range(1, 9).Select(i => $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n")) + "packages: *l9\n";

    public static TheoryData<string> FixtureFolders() => [.. Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Fixtures")).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    private const string Specials = "\"{}[]:\n ,=#@()<>";

    // Every fixture cut at many points and with a byte flipped: whatever the parsers make of it, they never throw.
    [Theory]
    [MemberData(nameof(FixtureFolders))]
    public void Build_TruncatedOrCorruptedFixtures_NeverThrow(string fixture)
    {
        var files = Support.Inputs.Fixture(fixture);
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            var damaged = files.Select(f =>
            {
                var bytes = f.Content[..random.Next(f.Content.Length + 1)];
                if (bytes.Length > 0 && round % 2 == 1)
                {
                    bytes[random.Next(bytes.Length)] = (byte)Specials[random.Next(Specials.Length)];
                }
                return (f.Path, bytes);
            }).ToList();

            var sbom = SbomBuilder.Build(damaged, "p");

            Assert.All(sbom.Problems, p =>
            {
                Assert.Contains(p.Path, damaged.Select(d => d.Path));
                Assert.DoesNotContain("bug in its parser", p.Message);
            });
        }
    }

    [Fact]
    public void Build_ManifestsInsideNodeModulesOrVendor_AreNotRead()
    {
        var lockfile = System.Text.Encoding.UTF8.GetBytes("{\"lockfileVersion\": 3, \"packages\": {\"node_modules/x\": {\"version\": \"1.0.0\"}}}");
        var sbom = SbomBuilder.Build([("node_modules/a/package-lock.json", lockfile), ("vendor/b/package-lock.json", lockfile)], "p");

        Assert.Empty(sbom.Components);
    }

    [Theory]
    [InlineData("tests/fixtures/app/package-lock.json")]
    [InlineData("test/fixtures/package-lock.json")]
    [InlineData("spec/fixtures/yarn-app/package-lock.json")]
    [InlineData("src/__fixtures__/package-lock.json")]
    [InlineData("internal/testdata/package-lock.json")]
    [InlineData("tests/Noa.Safety.Sbom.Tests/Fixtures/npm-v3/package-lock.json")]
    public void Build_ManifestUnderAFixtureFolder_IsLeftOut_AndCounted(string path)
    {
        var lockfile = System.Text.Encoding.UTF8.GetBytes("{\"lockfileVersion\": 3, \"packages\": {\"node_modules/x\": {\"version\": \"1.0.0\"}}}");
        var sbom = SbomBuilder.Build([(path, lockfile), ("package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {}}"u8.ToArray())], "p");

        Assert.Empty(sbom.Components);
        Assert.Equal([path], sbom.ExcludedFixtures);
    }

    [Theory]
    [InlineData("package-lock.json")] // the source root is itself a fixture folder: its paths are relative to it
    [InlineData("packages/fixture-utils/package-lock.json")]
    [InlineData("src/testing/package-lock.json")]
    public void Build_ManifestOutsideFixtureFolders_IsRead(string path)
    {
        var lockfile = System.Text.Encoding.UTF8.GetBytes("{\"lockfileVersion\": 3, \"packages\": {\"node_modules/x\": {\"version\": \"1.0.0\"}}}");
        var sbom = SbomBuilder.Build([(path, lockfile)], "p");

        Assert.Equal("x", Assert.Single(sbom.Components).Name);
        Assert.Empty(sbom.ExcludedFixtures);
    }
}
