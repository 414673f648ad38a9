using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Noa.IntegrationTests.Security;

/// <summary>
/// One tenant attacks another's runs on a running <c>noa serve --target all</c>: every run endpoint answers another
/// tenant's run exactly as a run that does not exist (404, same problem), lists and search leave it out, cancel does not
/// touch it; the owner (control), a second key of the same project and an admin see it. Nothing outside the server's
/// folders changes.
/// </summary>
public sealed class TenancyAttackTests
{
    private const string Marker = "zanzibar_quokka";

    [Fact]
    public async Task OtherTenant_CannotSeeOrTouchARun_OnAnyEndpoint()
    {
        using var temp = new TempDir("noa-tenancy");
        var canaries = Canaries.Plant(temp.Combine("outside"));
        await using var server = await GatewayServer.StartAsync(temp.Path);
        using var alice = server.Client(await server.CreateKeyAsync("team-a", "digest:write", "runs:read"));
        using var aliceColleague = server.Client(await server.CreateKeyAsync("team-a", "runs:read"));
        using var mallory = server.Client(await server.CreateKeyAsync(null, "digest:write", "runs:read"));

        var secretRun = await server.DigestAsync(alice, new { source = Source(server, "alice", Marker) });
        Assert.Equal("succeeded", (await server.WaitForEndAsync(alice, secretRun, TimeSpan.FromMinutes(4))).GetProperty("state").GetString());
        var malloryRun = await server.DigestAsync(mallory, new { source = Source(server, "mallory", "mallory_own"), only = new[] { "intake" } });
        await server.WaitForEndAsync(mallory, malloryRun, TimeSpan.FromMinutes(2));

        // Control: the owner and a key of the same tenant reach everything, so the refusals below are not a broken endpoint.
        foreach (var owner in new[] { alice, aliceColleague })
        {
            foreach (var path in RunPaths(secretRun))
                Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(path, HttpCompletionOption.ResponseHeadersRead)).StatusCode);
            Assert.Contains(secretRun, await ListedAsync(owner));
            Assert.NotEmpty(await SearchAsync(owner));
        }

        // The attack: every read of the run is the 404 of a run that does not exist.
        var missing = $"run_{Guid.NewGuid():N}";
        foreach (var (path, ghost) in RunPaths(secretRun).Zip(RunPaths(missing)))
        {
            using var refused = await mallory.GetAsync(path);
            using var absent = await mallory.GetAsync(ghost);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal(Normalized(await absent.Content.ReadAsStringAsync(), missing), Normalized(await refused.Content.ReadAsStringAsync(), secretRun));
        }
        Assert.DoesNotContain(secretRun, await ListedAsync(mallory));
        Assert.Contains(malloryRun, await ListedAsync(mallory));
        Assert.Empty(await SearchAsync(mallory));

        // Cancel: the owner is told the run already ended (409); the attacker only that there is no such run.
        Assert.Equal(HttpStatusCode.Conflict, (await alice.PostAsync($"/runs/{secretRun}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mallory.PostAsync($"/runs/{secretRun}/cancel", null)).StatusCode);
        var running = await server.DigestAsync(alice, new { source = Source(server, "alice2", "second_run"), only = new[] { "intake", "classifier" } });
        Assert.Equal(HttpStatusCode.NotFound, (await mallory.PostAsync($"/runs/{running}/cancel", null)).StatusCode);
        Assert.Equal("succeeded", (await server.WaitForEndAsync(alice, running, TimeSpan.FromMinutes(2))).GetProperty("state").GetString());

        // A read-only key of the tenant cannot cancel either (scope), and an admin sees every tenant.
        Assert.Equal(HttpStatusCode.Forbidden, (await aliceColleague.PostAsync($"/runs/{running}/cancel", null)).StatusCode);
        Assert.Contains(secretRun, await ListedAsync(server.Admin));
        Assert.Contains(malloryRun, await ListedAsync(server.Admin));
        Assert.NotEmpty(await SearchAsync(server.Admin));
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.GetAsync($"/runs/{secretRun}/artifacts/profile.json")).StatusCode);

        canaries.AssertUntouched();
    }

    private static string[] RunPaths(string run) =>
        [$"/runs/{run}", $"/runs/{run}/artifacts", $"/runs/{run}/artifacts/profile.json", $"/runs/{run}/events"];

    private static async Task<List<string>> ListedAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/runs?limit=1000")).EnumerateArray().Select(r => r.GetProperty("runId").GetString()!)];

    private static async Task<List<string>> SearchAsync(HttpClient client)
    {
        var answer = await client.GetFromJsonAsync<JsonElement>($"/search?q={Marker}&mode=text&k=5");
        return [.. answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("path").GetString()!)];
    }

    /// <summary>The problem body without what differs between two 404s by nature: the id asked for and the trace id.</summary>
    private static string Normalized(string problem, string id)
    {
        using var doc = JsonDocument.Parse(problem.Replace(id, "{id}", StringComparison.Ordinal));
        return JsonSerializer.Serialize(doc.RootElement.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value.ToString()));
    }

    private static string Source(GatewayServer server, string name, string function)
    {
        var folder = Path.Combine(server.Sources, name);
        Directory.CreateDirectory(Path.Combine(folder, "src"));
        File.WriteAllText(Path.Combine(folder, "README.md"), $"# {name}\nA small project.\n");
        File.WriteAllText(Path.Combine(folder, "src", "app.py"), $"def {function}(x):\n    \"\"\"Doubles x.\"\"\"\n    return x * 2\n");
        return folder;
    }
}
