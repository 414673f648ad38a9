using Noa.Safety.Vulnerabilities.Sources;
using Noa.Safety.Vulnerabilities.Store;

namespace Noa.Safety.Vulnerabilities.Tests.Osv;

/// <summary>Matching against real GHSA records (Fixtures/osv/real) for known-vulnerable versions.</summary>
public class RealAdvisoryTests
{
    private static async Task<MatchResult> Match(params PackageRef[] packages)
    {
        using var files = new TestFiles();
        using var store = AdvisoryStore.Open(files.Path("osv.db"));
        await store.ImportAsync(TestFiles.Fixture("osv"));
        return await VulnerabilityMatcher.MatchAsync(packages, [new OfflineAdvisorySource(store)], CancellationToken.None);
    }

    [Fact]
    public async Task Lodash_4_17_15_TwoAdvisoriesWithFixesAndScores()
    {
        var result = await Match(new PackageRef("npm", "lodash", "4.17.15"));
        Assert.Empty(result.Problems);
        var byId = result.Findings.ToDictionary(f => f.Id);
        Assert.Equal(["GHSA-35jh-r3h4-6jhm", "GHSA-p6mc-m468-83gw"], byId.Keys.Order());
        Assert.Equal(("4.17.21", 7.2, SeverityBand.High), (byId["GHSA-35jh-r3h4-6jhm"].FixedVersion, byId["GHSA-35jh-r3h4-6jhm"].Severity.Score, byId["GHSA-35jh-r3h4-6jhm"].Severity.Band));
        Assert.Equal(("4.17.20", 7.4), (byId["GHSA-p6mc-m468-83gw"].FixedVersion, byId["GHSA-p6mc-m468-83gw"].Severity.Score));
        Assert.Equal(["CVE-2021-23337"], byId["GHSA-35jh-r3h4-6jhm"].Aliases);
        Assert.Contains("https://nvd.nist.gov/vuln/detail/CVE-2021-23337", byId["GHSA-35jh-r3h4-6jhm"].References);
    }

    [Theory]
    [InlineData("4.17.20", new[] { "GHSA-35jh-r3h4-6jhm" })]
    [InlineData("4.17.21", new string[0])]
    public async Task Lodash_FixedVersions_NotReported(string version, string[] expected) =>
        Assert.Equal(expected, (await Match(new PackageRef("npm", "lodash", version))).Findings.Select(f => f.Id));

    [Theory]
    [InlineData("1.2.0", "1.2.6")]
    [InlineData("0.0.8", "0.2.4")]
    public async Task Minimist_BothBranches_CriticalWithBranchFix(string version, string fix)
    {
        var f = Assert.Single((await Match(new PackageRef("npm", "minimist", version))).Findings);
        Assert.Equal(("GHSA-xvch-5gv4-984h", fix, 9.8, SeverityBand.Critical), (f.Id, f.FixedVersion, f.Severity.Score, f.Severity.Band));
    }

    [Fact]
    public async Task NewtonsoftJson_12_0_1_LowFromDatabaseRating()
    {
        var f = Assert.Single((await Match(new PackageRef("NuGet", "newtonsoft.json", "12.0.1"))).Findings);
        Assert.Equal(("GHSA-5crp-9r3c-p9vr", "13.0.1", SeverityBand.Low, "database"), (f.Id, f.FixedVersion, f.Severity.Band, f.Severity.Source));
        Assert.Empty((await Match(new PackageRef("NuGet", "Newtonsoft.Json", "13.0.1"))).Findings);
    }

    [Theory]
    [InlineData("2.14.1", "2.15.0")]
    [InlineData("2.12.1", "2.12.2")]
    [InlineData("2.0-beta9", "2.3.1")]
    public async Task Log4jCore_EachBranchGetsItsOwnFix(string version, string fix)
    {
        var f = Assert.Single((await Match(new PackageRef("Maven", "org.apache.logging.log4j:log4j-core", version))).Findings);
        Assert.Equal((fix, 10.0), (f.FixedVersion, f.Severity.Score));
    }

    [Theory]
    [InlineData("2.12.2")]
    [InlineData("2.3.1")]
    [InlineData("2.15.0")]
    public async Task Log4jCore_BackportedFixes_NotAffected(string version) =>
        Assert.Empty((await Match(new PackageRef("Maven", "org.apache.logging.log4j:log4j-core", version))).Findings);

    [Theory]
    [InlineData("2.30.0", true)]
    [InlineData("2.31.0rc1", true)]
    [InlineData("2.31.0", false)]
    [InlineData("2.2.1", false)]
    public async Task Requests_Pep440Range(string version, bool affected) =>
        Assert.Equal(affected, (await Match(new PackageRef("PyPI", "Requests", version))).Findings.Any(f => f.Id == "GHSA-j8r2-6x86-q33q"));
}
