using Noa.Safety.Vulnerabilities.Sources;

namespace Noa.Safety.Vulnerabilities.Tests.Sources;

/// <summary>The real npm registry and NuGet feed this machine uses. A source that cannot be reached
/// fails the test under CI=true and ends it early elsewhere; a host that answers but does not offer
/// advisories (a mirror: 405 on the bulk endpoint, no VulnerabilityInfo in the service index) ends it
/// early with a note, since no configuration of ours can change that. When advisories are served,
/// known-vulnerable versions must produce their known advisories.</summary>
public class LiveSourceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NpmBulk_KnownVulnerableVersions()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var source = new NpmBulkAdvisorySource(http, NpmBulkAdvisorySource.DefaultRegistry());
        var result = await source.QueryAsync([new("npm", "lodash", "4.17.15"), new("npm", "minimist", "1.2.0")], CancellationToken.None);
        if (!Proceed(source.Endpoint.ToString(), result)) return;
        Assert.Contains(result.Findings, f => f.Package.Name == "lodash" && f.Id == "GHSA-35jh-r3h4-6jhm" && f.FixedVersion == "4.17.21");
        Assert.Contains(result.Findings, f => f.Package.Name == "minimist" && f.Id == "GHSA-xvch-5gv4-984h");
    }

    [Fact]
    public async Task NuGet_KnownVulnerableVersions()
    {
        using var files = new TestFiles();
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.All }) { Timeout = TimeSpan.FromSeconds(60) };
        var source = new NuGetVulnerabilitySource(http, NuGetVulnerabilitySource.NuGetOrg, files.Path("pages"));
        var result = await source.QueryAsync([new("NuGet", "Newtonsoft.Json", "12.0.1"), new("NuGet", "System.Text.Encodings.Web", "4.5.0")], CancellationToken.None);
        if (!Proceed(NuGetVulnerabilitySource.NuGetOrg.ToString(), result)) return;
        Assert.Contains(result.Findings, f => f.Package.Name == "Newtonsoft.Json" && f.Id == "GHSA-5crp-9r3c-p9vr" && f.FixedVersion == "13.0.1");
        Assert.Contains(result.Findings, f => f.Package.Name == "System.Text.Encodings.Web");
    }

    private bool Proceed(string where, MatchResult result)
    {
        foreach (var p in result.Problems) output.WriteLine($"{where}: {p.Kind}: {p.Message}");
        var problem = result.Problems.FirstOrDefault();
        switch (problem?.Kind)
        {
            case null:
                return true;
            case MatchProblemKind.SourceUnreachable:
                Requirement.Unmet($"{where} is unreachable: {problem.Message}");
                return false;
            case MatchProblemKind.SourceUnsupported:
                // The mirrors this machine reaches answer but serve no advisories: a fact of the registry, not a missing server.
                Assert.Skip($"{where} serves no advisories here; the live assertions did not run");
                return false;
            default:
                Assert.Fail($"{where}: {problem.Kind}: {problem.Message}");
                return false;
        }
    }
}
