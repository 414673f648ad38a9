using System.Net;
using Noa.Safety.Vulnerabilities.Sources;

namespace Noa.Safety.Vulnerabilities.Tests.Sources;

public class NpmBulkAdvisorySourceTests
{
    private const string Endpoint = "POST https://registry.example.test/-/npm/v1/security/advisories/bulk";

    // The bulk endpoint's documented answer shape (what npm audit reads); the advisories are lodash's
    // and minimist's real ones as the GitHub database lists them.
    private const string Answer = """
        {"lodash":[
          {"id":1106913,"url":"https://github.com/advisories/GHSA-35jh-r3h4-6jhm","title":"Command Injection in lodash","severity":"high","vulnerable_versions":"<4.17.21","cwe":["CWE-77","CWE-94"],"cvss":{"score":7.2,"vectorString":"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"}},
          {"id":1106914,"url":"https://github.com/advisories/GHSA-p6mc-m468-83gw","title":"Prototype Pollution in lodash","severity":"high","vulnerable_versions":">=3.7.0 <4.17.19","cwe":["CWE-1321"],"cvss":{"score":7.4,"vectorString":"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H"}}],
         "minimist":[
          {"id":1097678,"url":"https://github.com/advisories/GHSA-xvch-5gv4-984h","title":"Prototype Pollution in minimist","severity":"critical","vulnerable_versions":"<0.2.4 || >=1.0.0 <1.2.6","cwe":["CWE-1321"],"cvss":{"score":9.8,"vectorString":null}}]}
        """;

    [Fact]
    public async Task QueryAsync_RecordedAnswer_MapsFindingsPerInstalledVersion()
    {
        var handler = new RecordedHandler(new() { [Endpoint] = (HttpStatusCode.OK, Answer) });
        var source = new NpmBulkAdvisorySource(new HttpClient(handler), new Uri("https://registry.example.test"));
        var result = await source.QueryAsync(
            [new("npm", "lodash", "4.17.15"), new("npm", "lodash", "4.17.20"), new("npm", "minimist", "1.2.0"), new("PyPI", "lodash", "1.0")],
            CancellationToken.None);
        Assert.Empty(result.Problems);
        Assert.Equal("""{"lodash":["4.17.15","4.17.20"],"minimist":["1.2.0"]}""", Assert.Single(handler.Bodies));
        Assert.Equal(
            ["lodash@4.17.15 GHSA-35jh-r3h4-6jhm 4.17.21 7.2", "lodash@4.17.15 GHSA-p6mc-m468-83gw 4.17.19 7.4",
             "lodash@4.17.20 GHSA-35jh-r3h4-6jhm 4.17.21 7.2", "minimist@1.2.0 GHSA-xvch-5gv4-984h 1.2.6 "],
            result.Findings.Select(f => $"{f.Package.Name}@{f.Package.Version} {f.Id} {f.FixedVersion} {f.Severity.Score}"));
        Assert.Equal(SeverityBand.Critical, result.Findings[^1].Severity.Band);
    }

    [Theory]
    [InlineData(HttpStatusCode.MethodNotAllowed, MatchProblemKind.SourceUnsupported)]
    [InlineData(HttpStatusCode.ServiceUnavailable, MatchProblemKind.SourceUnreachable)]
    public async Task QueryAsync_ErrorStatus_IsAProblem(HttpStatusCode status, MatchProblemKind kind)
    {
        var source = new NpmBulkAdvisorySource(new HttpClient(new RecordedHandler(new() { [Endpoint] = (status, "") })), new Uri("https://registry.example.test/"));
        var result = await source.QueryAsync([new("npm", "lodash", "4.17.15")], CancellationToken.None);
        Assert.Empty(result.Findings);
        Assert.Equal(kind, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public async Task QueryAsync_NoRoute_Unreachable_BadJson_Invalid()
    {
        var unreachable = new NpmBulkAdvisorySource(new HttpClient(new RecordedHandler([])), new Uri("https://registry.example.test/"));
        Assert.Equal(MatchProblemKind.SourceUnreachable, Assert.Single((await unreachable.QueryAsync([new("npm", "a", "1.0.0")], CancellationToken.None)).Problems).Kind);
        var invalid = new NpmBulkAdvisorySource(new HttpClient(new RecordedHandler(new() { [Endpoint] = (HttpStatusCode.OK, "<html>") })), new Uri("https://registry.example.test/"));
        Assert.Equal(MatchProblemKind.SourceInvalidResponse, Assert.Single((await invalid.QueryAsync([new("npm", "a", "1.0.0")], CancellationToken.None)).Problems).Kind);
    }
}
