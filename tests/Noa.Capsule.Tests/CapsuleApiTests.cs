using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Noa.Capsule.Tests;

/// <summary>
/// <c>POST /capsule/spawn</c> and <c>/capsules…</c> over real HTTP with real capsules: bad requests are 400 problem
/// details naming each field and start nothing; a tenant over its quota is 429; a key sees only its own capsules;
/// each spawn and end is audited with the key that asked; a limit that ends a capsule is named in its record.
/// </summary>
public sealed class CapsuleApiTests
{
    [Fact]
    public async Task Spawn_BadFields_Are400NamingEachField_AndStartNothing()
    {
        await using var host = await CapsuleHost.StartAsync();
        var (_, key) = await host.CreateKeyAsync("capsules:run", "capsules:read");
        using var client = host.Client(key);

        var response = await client.PostAsJsonAsync("/capsule/spawn", new
        {
            command = new[] { "echo", "" },
            policy = "everything",
            workingDirectory = "relative/dir",
            ports = new[] { 3128 },
            limits = new { cpus = 16.0, pids = 0, wallTimeSeconds = 10_000_000 },
        }, TestContext.Current.CancellationToken);

        var errors = (await BadRequestAsync(response)).GetProperty("errors");
        Assert.Equal(
            ["command", "limits.cpus", "limits.pids", "limits.wallTimeSeconds", "policy", "ports", "workingDirectory"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("'everything' is not a policy here", errors.GetProperty("policy")[0].GetString());
        Assert.Contains("none", errors.GetProperty("policy")[0].GetString()); // it lists what there is
        Assert.Contains("above what this worker allows", errors.GetProperty("limits.cpus")[0].GetString());
        Assert.Empty(host.Capsules.List(null));
    }

    [Fact]
    public async Task Spawn_UnknownImage_Is400NamingTheImage()
    {
        await using var host = await CapsuleHost.StartAsync();
        var image = "127.0.0.1:5000/noa-test/never-pushed-" + Guid.NewGuid().ToString("N")[..8] + ":1";

        var response = await host.Admin.PostAsJsonAsync("/capsule/spawn", new { image, command = new[] { "true" } }, TestContext.Current.CancellationToken);

        var errors = (await BadRequestAsync(response)).GetProperty("errors");
        Assert.Equal(["image"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Empty(host.Capsules.List(null));
    }

    [Theory]
    [InlineData("""{"command":["true"],"limits":{"cpus":"lots"}}""", "limits.cpus")]
    [InlineData("""{"command":"true"}""", "command")]
    [InlineData("""{"command":["true"],"ports":[70000]}""", "ports")]
    [InlineData("""{"command":["true"],"env":{"A=B":"x"}}""", "env")]
    [InlineData("""{"command":["true"],"runId":"r1"}""", "runId")]
    [InlineData("""{}""", "command")]
    public async Task Spawn_MalformedBody_Is400NamingTheField(string body, string field)
    {
        await using var host = await CapsuleHost.StartAsync();

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await host.Admin.PostAsync("/capsule/spawn", content, TestContext.Current.CancellationToken);

        var errors = (await BadRequestAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{field} is not named: {errors}");
        Assert.Empty(host.Capsules.List(null));
    }

    [Fact]
    public async Task Scopes_NoKeyIs401_ReadOnlyKeyCannotSpawn()
    {
        await using var host = await CapsuleHost.StartAsync();
        var (_, reader) = await host.CreateKeyAsync("capsules:read");
        using var anonymous = host.Client(null);
        using var readOnly = host.Client(reader);
        var body = new { command = new[] { "true" } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/capsule/spawn", body, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/capsules", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsJsonAsync("/capsule/spawn", body, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/capsules", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Empty(host.Capsules.List(null));
    }

    [Fact]
    public async Task Lifecycle_SpawnShowLogsRemove_AuditedWithTheCallersKey()
    {
        await using var host = await CapsuleHost.StartAsync();
        var (keyId, key) = await host.CreateKeyAsync("capsules:run", "capsules:read");
        using var client = host.Client(key);
        var ct = TestContext.Current.CancellationToken;

        var response = await client.PostAsJsonAsync("/capsule/spawn", new
        {
            command = new[] { "/bin/sh", "-c", "echo hello from $HOME; echo oops >&2" },
            limits = new { cpus = 0.5, memoryBytes = 128L << 20, pids = 64, wallTimeSeconds = 60 },
        }, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"/capsules/{id}", response.Headers.Location?.OriginalString);
        var events = await client.GetStringAsync($"/capsules/{id}/logs", ct);
        Assert.Contains("event: stdout", events);
        Assert.Contains("hello from", events);
        Assert.Contains("event: stderr", events);
        Assert.Contains("event: end", events);
        var shown = await client.GetFromJsonAsync<JsonElement>($"/capsules/{id}", ct);
        Assert.Equal("ended", shown.GetProperty("state").GetString());
        Assert.Equal("exited", shown.GetProperty("result").GetProperty("termination").GetString());
        Assert.Equal(0, shown.GetProperty("result").GetProperty("exitCode").GetInt32());
        Assert.Equal(0.5, shown.GetProperty("limits").GetProperty("cpus").GetDouble());
        Assert.Equal(64, shown.GetProperty("limits").GetProperty("pids").GetInt32());
        Assert.True(shown.GetProperty("usage").GetProperty("stdoutBytes").GetInt64() > 0);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/capsules/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/capsules/{id}", ct)).StatusCode);
        var audit = await host.AuditOfAsync(id);
        Assert.Contains(audit, r => r.Action == "CapsuleSpawned" && r.Actor == keyId);
        Assert.Contains(audit, r => r.Action == "CapsuleEnded" && r.Actor == keyId);
    }

    [Fact]
    public async Task Tenancy_AKeySeesOnlyItsOwnCapsules_AdminSeesAll()
    {
        await using var host = await CapsuleHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var (_, a) = await host.CreateKeyAsync("capsules:run", "capsules:read");
        var (_, b) = await host.CreateKeyAsync("capsules:run", "capsules:read");
        using var clientA = host.Client(a);
        using var clientB = host.Client(b);
        var response = await clientA.PostAsJsonAsync("/capsule/spawn", new { command = new[] { "sleep", "30" } }, ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync($"/capsules/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync($"/capsules/{id}/logs", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.PostAsJsonAsync($"/capsules/{id}/exec", new { command = new[] { "true" } }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.DeleteAsync($"/capsules/{id}", ct)).StatusCode);
        Assert.Equal(0, (await clientB.GetFromJsonAsync<JsonElement>("/capsules", ct)).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await clientA.GetAsync($"/capsules/{id}", ct)).StatusCode);
        Assert.Equal(1, (await clientA.GetFromJsonAsync<JsonElement>("/capsules", ct)).GetArrayLength());
        Assert.Equal(1, (await host.Admin.GetFromJsonAsync<JsonElement>("/capsules", ct)).GetArrayLength());
        Assert.Equal("running", host.Capsules.Get(id)!.State == Noa.Abstractions.CapsuleState.Running ? "running" : "ended"); // B's DELETE did nothing

        Assert.Equal(HttpStatusCode.NoContent, (await host.Admin.DeleteAsync($"/capsules/{id}", ct)).StatusCode);
    }

    [Fact]
    public async Task Quota_ATenantOverItsRunningCapsules_Is429_OthersAreNotHeld()
    {
        await using var host = await CapsuleHost.StartAsync(o => o.TenantQuota.MaxRunning = 1);
        var ct = TestContext.Current.CancellationToken;
        var (_, a) = await host.CreateKeyAsync("capsules:run", "capsules:read");
        var (_, b) = await host.CreateKeyAsync("capsules:run", "capsules:read");
        using var clientA = host.Client(a);
        using var clientB = host.Client(b);
        var sleep = new { command = new[] { "sleep", "30" } };

        var first = await clientA.PostAsJsonAsync("/capsule/spawn", sleep, ct);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var over = await clientA.PostAsJsonAsync("/capsule/spawn", sleep, ct);
        var problem = await ProblemAsync(over, HttpStatusCode.TooManyRequests);
        Assert.Equal("https://noa.dev/problems/over-quota", problem.GetProperty("type").GetString());
        Assert.Contains("1", problem.GetProperty("detail").GetString());
        var other = await clientB.PostAsJsonAsync("/capsule/spawn", sleep, ct);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);

        var id = (await first.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await clientA.DeleteAsync($"/capsules/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await clientA.PostAsJsonAsync("/capsule/spawn", sleep, ct)).StatusCode);
        foreach (var capsule in host.Capsules.List(null))
            await host.Capsules.RemoveAsync(capsule.Id, ct);
    }

    [Fact]
    public async Task Limits_WallTime_EndsTheCapsule_AndItsRecordSaysTimeout()
    {
        await using var host = await CapsuleHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        var response = await host.Admin.PostAsJsonAsync("/capsule/spawn", new { command = new[] { "sleep", "60" }, limits = new { wallTimeSeconds = 1 } }, ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
        await host.Capsules.WaitAsync(id, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

        var shown = await host.Admin.GetFromJsonAsync<JsonElement>($"/capsules/{id}", ct);
        Assert.Equal("timeout", shown.GetProperty("result").GetProperty("termination").GetString());
        Assert.True(shown.GetProperty("usage").GetProperty("wallSeconds").GetDouble() < 30);
        var ended = Assert.Single(await host.AuditOfAsync(id), r => r.Action == "CapsuleEnded");
        Assert.Contains("timeout", ended.Detail);
    }

    [Fact]
    public async Task Exec_InARunningCapsule_RunsThere_AndAfterItEndsIs409()
    {
        await using var host = await CapsuleHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var response = await host.Admin.PostAsJsonAsync("/capsule/spawn", new { command = new[] { "/bin/sh", "-c", "echo ready > /workspace/mark; sleep 3" } }, ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;

        var exec = await ExecUntilAsync(host, id, ["cat", "/workspace/mark"], "ready", ct);
        Assert.Equal(0, exec.GetProperty("result").GetProperty("exitCode").GetInt32());
        var bad = await host.Admin.PostAsJsonAsync($"/capsules/{id}/exec", new { command = Array.Empty<string>() }, ct);
        Assert.True((await BadRequestAsync(bad)).GetProperty("errors").TryGetProperty("command", out _));

        await host.Capsules.WaitAsync(id, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        await ProblemAsync(await host.Admin.PostAsJsonAsync($"/capsules/{id}/exec", new { command = new[] { "true" } }, ct), HttpStatusCode.Conflict);
    }

    private static async Task<JsonElement> ExecUntilAsync(CapsuleHost host, string id, string[] command, string expected, CancellationToken ct)
    {
        // The capsule's command writes the mark just after it starts; a few tries cover that start.
        for (var attempt = 0; ; attempt++)
        {
            var response = await host.Admin.PostAsJsonAsync($"/capsules/{id}/exec", new { command }, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            if (body.GetProperty("stdout").GetString()!.Contains(expected, StringComparison.Ordinal) || attempt == 20)
            {
                Assert.Contains(expected, body.GetProperty("stdout").GetString());
                return body;
            }
            await Task.Delay(100, ct);
        }
    }

    private static Task<JsonElement> BadRequestAsync(HttpResponseMessage response) => ProblemAsync(response, HttpStatusCode.BadRequest);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }
}
