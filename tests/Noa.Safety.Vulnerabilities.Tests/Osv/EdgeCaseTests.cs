using Noa.Safety.Vulnerabilities.Sources;
using Noa.Safety.Vulnerabilities.Store;

namespace Noa.Safety.Vulnerabilities.Tests.Osv;

/// <summary>Hand-written OSV records (Fixtures/osv/edge), one per ecosystem's range edge cases.</summary>
public class EdgeCaseTests
{
    private static async Task<MatchResult> Match(params PackageRef[] packages)
    {
        using var files = new TestFiles();
        using var store = AdvisoryStore.Open(files.Path("osv.db"));
        await store.ImportAsync(TestFiles.Fixture("osv", "edge"));
        return await VulnerabilityMatcher.MatchAsync(packages, [new OfflineAdvisorySource(store)], CancellationToken.None);
    }

    [Theory]
    [InlineData("PyPI", "zope.interface", "1.9", "2.0.0")]
    [InlineData("PyPI", "zope.interface", "2.0.0rc1", "2.0.0")]
    [InlineData("PyPI", "zope.interface", "2.1.0.post1", null)]
    [InlineData("PyPI", "zope.interface", "2.2.0", null)]
    [InlineData("Go", "golang.org/x/net", "v0.0.0-20220906165146-f3363e06e74c", "0.7.0")]
    [InlineData("Go", "golang.org/x/net", "v0.6.1-0.20230101000000-abcdefabcdef", "0.7.0")]
    [InlineData("crates.io", "tokio", "1.18.3", "1.18.4")]
    [InlineData("crates.io", "tokio", "1.19.2", "1.20.0-rc.1")]
    [InlineData("Maven", "com.example:widget", "1.0", null)]
    [InlineData("Maven", "com.example:widget", "1.4", null)]
    [InlineData("NuGet", "some.package", "1.0.0.1", null)]
    [InlineData("NuGet", "Some.Package", "2.0.0-beta", null)]
    [InlineData("RubyGems", "rack", "2.2.8.rc1", "2.2.8")]
    [InlineData("RubyGems", "rack", "2.9.0", null)]
    [InlineData("RubyGems", "rack", "2.2.8", null)] // fixed in its own range, still below the other range's limit
    [InlineData("Packagist", "symfony/http-kernel", "v5.4.19", "5.4.20")]
    public async Task Match_AffectedVersions(string ecosystem, string name, string version, string? fix)
    {
        var result = await Match(new PackageRef(ecosystem, name, version));
        Assert.Empty(result.Problems);
        Assert.Equal(fix, Assert.Single(result.Findings).FixedVersion);
    }

    [Theory]
    [InlineData("PyPI", "zope.interface", "2.0.0")]
    [InlineData("PyPI", "zope.interface", "2.1.0")]
    [InlineData("PyPI", "zope.interface", "2.2.1")]
    [InlineData("Go", "golang.org/x/net", "v0.7.0")]
    [InlineData("crates.io", "tokio", "1.18.4")]
    [InlineData("crates.io", "tokio", "1.20.0-rc.1")]
    [InlineData("crates.io", "Tokio", "1.0.0")]
    [InlineData("Maven", "com.example:widget", "1.0-alpha")]
    [InlineData("Maven", "com.example:widget", "1.4.1")]
    [InlineData("NuGet", "some.package", "1.0.0")]
    [InlineData("RubyGems", "rack", "3.0.0")]
    [InlineData("Packagist", "symfony/http-kernel", "5.4.20")]
    [InlineData("Packagist", "symfony/http-kernel", "5.0.0-RC1")]
    public async Task Match_UnaffectedVersions_NoFinding(string ecosystem, string name, string version)
    {
        var result = await Match(new PackageRef(ecosystem, name, version));
        Assert.Empty(result.Problems);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task Match_V4VectorOnly_Scored()
    {
        var f = Assert.Single((await Match(new PackageRef("PyPI", "zope-interface", "1.0"))).Findings);
        Assert.Equal((SeverityBand.Critical, "cvss4", (double?)9.3), (f.Severity.Band, f.Severity.Source, f.Severity.Score));
    }

    [Fact]
    public async Task Match_GitRangeOnly_ReportedNotEvaluated()
    {
        var result = await Match(new PackageRef("npm", "gitonly", "1.0.0"));
        Assert.Empty(result.Findings);
        Assert.Equal(MatchProblemKind.RangeNotEvaluated, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public async Task Match_Withdrawn_NeverAFinding() =>
        Assert.Empty((await Match(new PackageRef("npm", "lodash", "1.0.0"))).Findings);

    [Fact]
    public async Task Match_UnknownEcosystemAndBadVersion_AreProblems()
    {
        var result = await Match(new PackageRef("Hackage", "aeson", "1.0"), new PackageRef("PyPI", "zope.interface", "not a version"));
        Assert.Empty(result.Findings);
        Assert.Equal([MatchProblemKind.UnknownEcosystem, MatchProblemKind.InvalidVersion], result.Problems.Select(p => p.Kind));
    }
}
