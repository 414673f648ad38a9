using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;

namespace Noa.Gateway.Tests;

/// <summary>GET /catalog over the embedded metadata store: filters, tenants, keyset pages, problems for bad filters.</summary>
public sealed class CatalogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static CatalogEntry Entry(string run, int minute, string tenant, string language, string license, string verdict) => new()
    {
        RunId = run, Tenant = tenant, Source = $"https://example.org/{run}.git", SourceName = $"example.org/{run}", TreeHash = "sha256:" + new string('a', 64),
        Reference = $"noa/example.org/{run}:tree-aaaa", Digest = "sha256:" + new string('b', 64), Store = "oci-layout:/x",
        Languages = [language], Frameworks = ["Django"], ServiceTypes = ["http-api"], Licenses = [license], Verdict = verdict, CreatedAt = T0.AddMinutes(minute),
    };

    [Fact]
    public async Task Catalog_FiltersAndPages_OnlyTheCallersTenant()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);
        var (keyId, key) = await host.CreateKeyAsync("runs:read");
        var catalog = host.Services.GetRequiredService<ICatalog>();
        await catalog.RecordAsync(Entry("mine-1", 1, keyId, "Python", "MIT", "pass"));
        await catalog.RecordAsync(Entry("mine-2", 2, keyId, "Go", "Apache-2.0", "warn"));
        await catalog.RecordAsync(Entry("mine-3", 3, keyId, "Python", "Apache-2.0", "pass"));
        await catalog.RecordAsync(Entry("theirs", 4, "another-tenant", "Python", "MIT", "pass"));
        using var client = host.Client(key);

        async Task<(string[] Runs, string? Next)> List(HttpClient c, string query)
        {
            var body = await c.GetFromJsonAsync<JsonElement>("/catalog" + query);
            var next = body.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            return ([.. body.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("runId").GetString()!)], next);
        }

        Assert.Equal(["mine-3", "mine-2", "mine-1"], (await List(client, "")).Runs);
        Assert.Equal(["mine-3", "mine-1"], (await List(client, "?language=python")).Runs);
        Assert.Equal(["mine-1"], (await List(client, "?language=Python&license=mit")).Runs);
        Assert.Equal(["mine-2"], (await List(client, "?verdict=WARN")).Runs);
        Assert.Equal(["mine-2"], (await List(client, "?source=example.org/mine-2")).Runs);
        Assert.Equal(["theirs", "mine-3", "mine-2", "mine-1"], (await List(host.Admin, "")).Runs); // admin: every tenant

        var first = await List(client, "?limit=2");
        Assert.Equal(["mine-3", "mine-2"], first.Runs);
        Assert.NotNull(first.Next);
        var second = await List(client, "?limit=2&cursor=" + Uri.EscapeDataString(first.Next));
        Assert.Equal(["mine-1"], second.Runs);
        Assert.Null(second.Next);

        var row = (await client.GetFromJsonAsync<JsonElement>("/catalog?limit=1")).GetProperty("entries")[0];
        Assert.Equal("noa/example.org/mine-3:tree-aaaa", row.GetProperty("reference").GetString());
        Assert.Equal("Apache-2.0", row.GetProperty("licenses")[0].GetString());
    }

    [Theory]
    [InlineData("?verdict=maybe", "verdict")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    [InlineData("?cursor=", "cursor")]
    [InlineData("?language=", "language")]
    [InlineData("?framework=%01", "framework")]
    public async Task Catalog_BadFilter_IsAProblemNamingIt(string query, string field)
    {
        await using var host = await GatewayHost.StartAsync(workers: false);

        var problem = await Problem.AssertAsync(await host.Admin.GetAsync("/catalog" + query), HttpStatusCode.BadRequest, "bad-request");

        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Catalog_NeedsRunsRead()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);
        var (_, key) = await host.CreateKeyAsync("digest:write");
        using var client = host.Client(key);

        await Problem.AssertAsync(await client.GetAsync("/catalog"), HttpStatusCode.Forbidden, "forbidden");
        await Problem.AssertAsync(await host.Client().GetAsync("/catalog"), HttpStatusCode.Unauthorized, "unauthorized");
    }
}
