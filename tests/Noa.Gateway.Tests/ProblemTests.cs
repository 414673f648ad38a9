using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Noa.Gateway.Tests;

public sealed class ProblemTests
{
    [Theory]
    [InlineData("{}", "source")]
    [InlineData("{\"source\":\"/x\",\"kind\":\"tarball\"}", "kind")]
    [InlineData("{\"source\":\"/x\",\"depth\":0}", "depth")]
    [InlineData("{\"source\":\"/x\",\"commit\":\"main\"}", "commit")]
    [InlineData("{\"source\":\"/x\",\"ref\":\"--upload-pack=evil\"}", "ref")]
    [InlineData("{\"source\":\"/x\",\"only\":[\"Not Kebab\"]}", "only")]
    [InlineData("{\"source\":\"/x\",\"only\":[\"nosuchstage\"]}", "only")]
    [InlineData("{\"source\":\"/x\",\"colour\":\"red\"}", "colour")]
    [InlineData("{\"source\":42}", "source")]
    [InlineData("not json", "body")]
    [InlineData("[1,2]", "body")]
    public async Task Digest_BadInput_400NamesTheField(string body, string field)
    {
        await using var host = await GatewayHost.StartAsync();
        var response = await host.Admin.PostAsync("/digest", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "bad-request");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), $"no error for '{field}': {problem}");
        Assert.NotEmpty(reasons.EnumerateArray().First().GetString()!);
    }

    [Fact]
    public async Task Problems_HaveStableTypes_404_413_415_429()
    {
        await using var host = await GatewayHost.StartAsync(workers: false, settings: new Dictionary<string, string?>
        {
            ["Noa:Gateway:MaxRequestBodyBytes"] = "2048",
            ["Noa:Gateway:RateLimitBurst"] = "5",
            ["Noa:Gateway:RateLimitPerSecond"] = "1",
        });
        var (_, key) = await host.CreateKeyAsync("admin");
        using var client = host.Client(key);

        await Problem.AssertAsync(await client.GetAsync("/runs/run_nope"), HttpStatusCode.NotFound, "not-found");
        await Problem.AssertAsync(await client.GetAsync("/no/such/route"), HttpStatusCode.NotFound, "not-found");
        await Problem.AssertAsync(await client.DeleteAsync("/digest"), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        var large = new StringContent("{\"source\":\"" + new string('a', 4096) + "\"}", Encoding.UTF8, "application/json");
        await Problem.AssertAsync(await client.PostAsync("/digest", large), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await Problem.AssertAsync(await client.PostAsync("/digest", new StringContent("source=x", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await Problem.AssertAsync(await client.GetAsync("/runs?state=sleeping"), HttpStatusCode.BadRequest, "bad-request");

        HttpResponseMessage response;
        var calls = 0;
        do
            response = await client.GetAsync("/runs");
        while (response.StatusCode == HttpStatusCode.OK && ++calls < 50);
        await Problem.AssertAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await host.Admin.GetAsync("/runs")).StatusCode); // buckets are per key
    }

    [Fact]
    public async Task Digest_QueueDeeperThanLimit_429QueueFullWithRetryAfter()
    {
        await using var host = await GatewayHost.StartAsync(workers: false, settings: new Dictionary<string, string?>
        {
            ["Noa:Gateway:MaxQueueDepth"] = "2",
            ["Noa:Gateway:QueueFullRetryAfter"] = "00:00:07",
        });
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await host.Admin.PostAsJsonAsync("/digest", new { source = "/tmp/x" + i })).StatusCode);

        var full = await host.Admin.PostAsJsonAsync("/digest", new { source = "/tmp/x3" });

        await Problem.AssertAsync(full, HttpStatusCode.TooManyRequests, "queue-full");
        Assert.Equal(TimeSpan.FromSeconds(7), full.Headers.RetryAfter?.Delta);
        var queues = await host.Admin.GetFromJsonAsync<JsonElement>("/admin/queues");
        var requests = queues.EnumerateArray().Single(q => q.GetProperty("stream").GetString() == "runs.requests");
        Assert.Equal(2, requests.GetProperty("lag").GetInt64());
        var queued = await host.Admin.GetFromJsonAsync<JsonElement>("/runs?state=queued");
        Assert.Equal(2, queued.GetArrayLength());
    }

    [Fact]
    public async Task Digest_LocalSource_RefusedUnlessAllowed()
    {
        await using var host = await GatewayHost.StartAsync(workers: false, settings: new Dictionary<string, string?> { ["Noa:Gateway:AllowLocalSources"] = "false" });

        foreach (var source in new[] { "/etc", "file:///etc/passwd", "relative/dir", "C:\\secrets" })
        {
            var problem = await Problem.AssertAsync(await host.Admin.PostAsJsonAsync("/digest", new { source }), HttpStatusCode.BadRequest, "bad-request");
            Assert.Contains("AllowLocalSources", problem.GetProperty("errors").GetProperty("source")[0].GetString());
        }
        foreach (var source in new[] { "https://example.org/repo.git", "git@example.org:team/repo.git", "ssh://git@example.org/repo" })
            Assert.Equal(HttpStatusCode.Accepted, (await host.Admin.PostAsJsonAsync("/digest", new { source })).StatusCode);
    }
}
