using System.Net;
using Noa.Safety.Vulnerabilities.Sources;

namespace Noa.Safety.Vulnerabilities.Tests.Sources;

public class OsvApiSourceTests
{
    [Fact]
    public async Task QueryAsync_RecordedBatchWithPaging_FetchesRecordsAndMatches()
    {
        var lodash = File.ReadAllText(TestFiles.Fixture("osv", "real", "GHSA-35jh-r3h4-6jhm.json"));
        var lodash2 = File.ReadAllText(TestFiles.Fixture("osv", "real", "GHSA-p6mc-m468-83gw.json"));
        var handler = new PagingHandler(lodash, lodash2);
        var source = new OsvApiSource(new HttpClient(handler), new Uri("https://osv.example.test/"));
        var result = await source.QueryAsync([new("npm", "lodash", "4.17.15"), new("npm", "left-pad", "1.3.0")], CancellationToken.None);
        Assert.Empty(result.Problems);
        Assert.Equal(["GHSA-35jh-r3h4-6jhm 4.17.21", "GHSA-p6mc-m468-83gw 4.17.20"], result.Findings.Select(f => $"{f.Id} {f.FixedVersion}"));
        Assert.Contains("\"page_token\":\"t1\"", handler.Bodies[1], StringComparison.Ordinal);
        Assert.Equal(4, handler.Bodies.Count);
    }

    private sealed class PagingHandler(string first, string second) : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Bodies.Add(body);
            var text = request.RequestUri!.AbsolutePath switch
            {
                "/v1/querybatch" when body.Contains("t1", StringComparison.Ordinal) => """{"results":[{"vulns":[{"id":"GHSA-p6mc-m468-83gw","modified":"2022-02-08T22:04:28Z"}]}]}""",
                "/v1/querybatch" => """{"results":[{"vulns":[{"id":"GHSA-35jh-r3h4-6jhm","modified":"2022-02-08T21:35:09Z"}],"next_page_token":"t1"},{}]}""",
                "/v1/vulns/GHSA-35jh-r3h4-6jhm" => first,
                "/v1/vulns/GHSA-p6mc-m468-83gw" => second,
                _ => null,
            };
            return text is null ? new HttpResponseMessage(HttpStatusCode.NotFound) : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text) };
        }
    }
}
