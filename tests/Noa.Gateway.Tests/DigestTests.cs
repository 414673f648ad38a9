using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Noa.Gateway.Tests;

public sealed class DigestTests
{
    [Fact]
    public async Task Digest_RealFolder_SchedulerRunsItAndArtifactsDownload()
    {
        await using var host = await GatewayHost.StartAsync();
        var (_, key) = await host.CreateKeyAsync("digest:write", "runs:read");
        using var client = host.Client(key);
        var folder = host.WriteSourceFolder();

        var response = await client.PostAsJsonAsync("/digest", new { source = folder, kind = "folder" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var runId = accepted.GetProperty("runId").GetString()!;
        Assert.Equal($"/runs/{runId}", response.Headers.Location?.OriginalString);
        Assert.Equal("queued", accepted.GetProperty("state").GetString());

        var details = await Wait.ForRunAsync(client, runId, "succeeded");
        Assert.Contains(details.GetProperty("attempts").EnumerateArray(), a => a.GetProperty("stage").GetString() == "intake" && a.GetProperty("status").GetString() == "succeeded");

        var artifacts = await client.GetFromJsonAsync<JsonElement>($"/runs/{runId}/artifacts");
        var provenance = artifacts.EnumerateArray().Single(a => a.GetProperty("path").GetString() == "provenance.json");
        var download = await client.GetAsync(provenance.GetProperty("href").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(provenance.GetProperty("mediaType").GetString(), download.Content.Headers.ContentType?.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(provenance.GetProperty("sha256").GetString(), sha);
        Assert.Equal($"\"{sha}\"", download.Headers.ETag?.Tag);
        Assert.Contains("demo", System.Text.Encoding.UTF8.GetString(bytes));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, provenance.GetProperty("href").GetString());
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{sha}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        var missing = await client.GetAsync($"/runs/{runId}/artifacts/nope.json");
        await Problem.AssertAsync(missing, HttpStatusCode.NotFound, "not-found");

        var list = await client.GetFromJsonAsync<JsonElement>("/runs?state=succeeded&limit=5");
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("runId").GetString() == runId);
    }

    [Fact]
    public async Task StartRun_DeliveredAgainForFinishedRun_IsIgnored()
    {
        await using var host = await GatewayHost.StartAsync();
        var folder = host.WriteSourceFolder();
        var response = await host.Admin.PostAsJsonAsync("/digest", new { source = folder, only = new[] { "intake" } });
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        await Wait.ForRunAsync(host.Admin, runId, "succeeded");

        var bus = host.Services.GetRequiredService<Noa.Abstractions.IMessageBus>();
        await bus.PublishAsync(Noa.Abstractions.StartRun.Stream, new Noa.Abstractions.BusMessage("StartRun", $"{{\"runId\":\"{runId}\"}}"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await bus.GetLagAsync(Noa.Abstractions.StartRun.Stream, Noa.Abstractions.StartRun.Group) > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        Assert.Equal(0, await bus.GetLagAsync(Noa.Abstractions.StartRun.Stream, Noa.Abstractions.StartRun.Group));
        var audit = await host.Admin.GetFromJsonAsync<JsonElement>($"/admin/audit?run={runId}&action=RunStarted");
        Assert.Single(audit.EnumerateArray());
        await Wait.ForRunAsync(host.Admin, runId, "succeeded");
    }
}
