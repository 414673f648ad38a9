using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;

namespace Noa.Gateway.Tests;

public sealed class AdminTests
{
    [Fact]
    public async Task EveryApiCall_IsAudited_WithKeyRouteRunAndStatus()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);
        var (id, key) = await host.CreateKeyAsync("digest:write", "runs:read");
        using var client = host.Client(key);
        var runId = (await (await client.PostAsJsonAsync("/digest", new { source = "/tmp/x" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("runId").GetString()!;
        await client.GetAsync($"/runs/{runId}");
        await client.GetAsync("/admin/keys");
        using (var anonymous = host.Client())
            await anonymous.GetAsync("/runs");

        var audit = await host.Admin.GetFromJsonAsync<JsonElement>("/admin/audit?action=ApiCalled&limit=100");
        var calls = audit.EnumerateArray().Select(a => (
            Actor: a.GetProperty("actor").GetString(),
            Subject: a.GetProperty("subject").GetString(),
            Run: a.TryGetProperty("runId", out var r) ? r.GetString() : null,
            Status: JsonDocument.Parse(a.GetProperty("detail").GetString()!).RootElement.GetProperty("status").GetInt32())).ToList();

        Assert.Contains(("admin1", "POST /admin/keys", (string?)null, 201), calls);
        Assert.Contains((id, "POST /digest", runId, 202), calls);
        Assert.Contains((id, "GET /runs/{id}", runId, 200), calls);
        Assert.Contains((id, "GET /admin/keys", (string?)null, 403), calls);
        Assert.Contains(("anonymous", "GET /runs", (string?)null, 401), calls);

        var byRun = await host.Admin.GetFromJsonAsync<JsonElement>($"/admin/audit?run={runId}");
        Assert.All(byRun.EnumerateArray(), a => Assert.Equal(runId, a.GetProperty("runId").GetString()));
        var none = await host.Admin.GetFromJsonAsync<JsonElement>($"/admin/audit?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}");
        Assert.Equal(0, none.GetArrayLength());
        await Problem.AssertAsync(await host.Admin.GetAsync("/admin/audit?since=yesterday"), HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Replay_MovesDeadLettersBackToTheirStream()
    {
        await using var host = await GatewayHost.StartAsync(workers: false, settings: new Dictionary<string, string?>
        {
            ["Noa:Gateway:Queues:tasks.test"] = "workers",
        });
        var bus = host.Services.GetRequiredService<IMessageBus>();
        await bus.PublishAsync("tasks.test", new BusMessage("RunStage", "{\"n\":1}"));
        await bus.PublishAsync("tasks.test", new BusMessage("RunStage", "{\"n\":2}"));
        var failing = new ConsumeOptions { MaxMessages = 10, Block = TimeSpan.Zero, Lease = TimeSpan.FromMilliseconds(1), MaxDeliveries = 1 };
        Assert.Equal(2, (await bus.ReadAsync("tasks.test", "workers", "w1", failing)).Count);
        await Task.Delay(20);
        Assert.Empty(await bus.ReadAsync("tasks.test", "workers", "w1", failing)); // out of deliveries: dead-lettered

        var before = await host.Admin.GetFromJsonAsync<JsonElement>("/admin/queues");
        var queue = before.EnumerateArray().Single(q => q.GetProperty("stream").GetString() == "tasks.test");
        Assert.Equal(2, queue.GetProperty("deadLetters").GetInt64());
        Assert.Equal(0, queue.GetProperty("lag").GetInt64());

        var replay = await host.Admin.PostAsync("/admin/queues/tasks.test/replay", null);
        var result = await replay.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(2, result.GetProperty("replayed").GetInt32());
        var again = await bus.ReadAsync("tasks.test", "workers", "w2", failing with { MaxDeliveries = 5, Lease = TimeSpan.FromMinutes(1) });
        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], again.Select(d => d.Message.Body));
        Assert.All(again, d => Assert.DoesNotContain(d.Message.Headers!.Keys, k => k.StartsWith("dead-", StringComparison.Ordinal)));
        Assert.All(again, d => Assert.Equal("1", d.Message.Headers!["replays"]));
        var after = await host.Admin.GetFromJsonAsync<JsonElement>("/admin/queues");
        Assert.Equal(0, after.EnumerateArray().Single(q => q.GetProperty("stream").GetString() == "tasks.test").GetProperty("deadLetters").GetInt64());
        Assert.Equal(0, (await (await host.Admin.PostAsync("/admin/queues/tasks.test/replay", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await Problem.AssertAsync(await host.Admin.PostAsync("/admin/queues/a%20b/replay", null), HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Policies_PutGetList_RejectNonObjectsAndInvalidPolicies()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);
        var document = "{\"version\":1,\"maxSeverity\":\"high\",\"licenses\":{\"deny\":[\"AGPL-3.0-only\"]}}";

        var put = await host.Admin.PutAsync("/admin/policies/safety-default", new StringContent(document, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var got = await host.Admin.GetAsync("/admin/policies/safety-default");
        Assert.Equal("application/json", got.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonDocument.Parse(document).RootElement.ToString(), JsonDocument.Parse(await got.Content.ReadAsStringAsync()).RootElement.ToString());
        var list = await host.Admin.GetFromJsonAsync<JsonElement>("/admin/policies");
        Assert.Equal("admin1", list.EnumerateArray().Single().GetProperty("updatedBy").GetString());
        await Problem.AssertAsync(await host.Admin.PutAsync("/admin/policies/x", new StringContent("[1]", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "bad-request");
        var invalid = await host.Admin.PutAsync("/admin/policies/x", new StringContent("{\"maxSeverity\":\"severe\",\"allowNetwork\":false}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var body = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("maxSeverity must be one of", body);
        Assert.Contains("unknown field 'allowNetwork'", body);
        await Problem.AssertAsync(await host.Admin.PutAsync("/admin/policies/Bad_Name", new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "bad-request");
        await Problem.AssertAsync(await host.Admin.GetAsync("/admin/policies/none"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Policies_PutWithoutValidator_IsRefusedNotStored()
    {
        await using var host = await GatewayHost.StartAsync(workers: false, policyValidator: false);

        var put = await host.Admin.PutAsync("/admin/policies/strict", new StringContent("{\"version\":1}", Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(put, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Equal(0, (await host.Admin.GetFromJsonAsync<JsonElement>("/admin/policies")).GetArrayLength());
    }

    [Fact]
    public async Task Digest_OnlyUnknownStage_IsRejectedByTheCatalogueWithoutAnyStageHere()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);

        var response = await host.Admin.PostAsJsonAsync("/digest", new { source = host.WriteSourceFolder(), only = new[] { "clasifier" } });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "bad-request");
        // Every stage of the catalogue, sorted: the gateway hosts none of them and still knows them all.
        Assert.Contains("'clasifier' is not a stage; stages: classifier, embeddings, env, graph, intake, integrator, registrar, runner, safety", await response.Content.ReadAsStringAsync());
        Assert.Equal("classifier, embeddings, env, graph, intake, integrator, registrar, runner, safety", string.Join(", ", Noa.Abstractions.StageCatalogue.Names));
    }
}
