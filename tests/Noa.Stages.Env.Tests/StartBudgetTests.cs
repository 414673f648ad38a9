namespace Noa.Stages.Env.Tests;

/// <summary>
/// The start's budget is the container's own CPU time (<see cref="EnvOptions.StartCpuTime"/>), with a wall-time ceiling
/// (<see cref="EnvOptions.StartTimeout"/>): a loaded machine that gives the capsule little CPU does not fail a slow start, a server
/// that spins without answering is given up once it has spent its budget, and one that idles is given up at the ceiling.
/// </summary>
[Collection(ImageBuilds.Name)]
public sealed class StartBudgetTests
{
    private static MemorySourceTree NeverListens(string body) => new(
        ("pyproject.toml", "[project]\nname = \"silent\"\nversion = \"0.1.0\"\ndependencies = []\n"),
        ("server.py", $$"""
            import os
            import time
            from http.server import BaseHTTPRequestHandler, HTTPServer


            class Handler(BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200)
                    self.end_headers()


            if __name__ == "__main__":
                port = int(os.environ.get("PORT", "8000"))
                {{body}}
                HTTPServer(("0.0.0.0", port), Handler).serve_forever()
            """));

    [Fact]
    public async Task SpinningServer_IsGivenUpWhenItHasSpentItsCpuBudget_BeforeTheWallCeiling()
    {
        var app = await ProveAsync(NeverListens("while True: pass"), cpu: TimeSpan.FromSeconds(3), wall: TimeSpan.FromMinutes(2));

        Assert.Contains("no answer after 3 s of its own CPU time", app.GetProperty("reason").GetString());
        Assert.True(app.GetProperty("cpuSeconds").GetDouble() >= 3, app.ToString());
        Assert.True(app.GetProperty("seconds").GetDouble() < 100, app.ToString());
    }

    [Fact]
    public async Task Control_IdleServer_SpendsNoCpu_AndIsGivenUpAtTheWallCeiling()
    {
        var app = await ProveAsync(NeverListens("time.sleep(3600)"), cpu: TimeSpan.FromSeconds(3), wall: TimeSpan.FromSeconds(8));

        Assert.Contains("no answer within 00:00:08 wall", app.GetProperty("reason").GetString());
        Assert.True(app.GetProperty("cpuSeconds").GetDouble() < 3, app.ToString());
    }

    private static async Task<System.Text.Json.JsonElement> ProveAsync(MemorySourceTree tree, TimeSpan cpu, TimeSpan wall)
    {
        await using var capsules = await CapsuleServices.StartAsync();
        var options = new EnvOptions { ImagesLock = SandboxRequirements.ImagesLock(), StartCpuTime = cpu, StartTimeout = wall, ExportImages = false, KeepBuildStage = false };
        var (_, artifacts, _) = await EnvHarness.RunAsync(tree, capsules.Services, options, Directory.CreateTempSubdirectory("noa-env-verify-").FullName);
        var app = Assert.Single(EnvHarness.Json(artifacts, "env/verify.json").GetProperty("apps").EnumerateArray());
        // Not built (no "started" then): the entry's reason and log tail say why.
        Assert.True(app.TryGetProperty("started", out var started) && started.GetBoolean(), app.ToString());
        Assert.False(app.GetProperty("answered").GetBoolean(), app.ToString());
        return app;
    }
}
