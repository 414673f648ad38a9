using Noa.Abstractions;

namespace Noa.Stages.Env.Tests;

/// <summary>Servers others published, from scripts/corpora.sh's `apps` corpus (the npm package with its lockfile, the Debian
/// source tarball): what their code says, checked upstream by reading it (bench/env/reference.json holds the same truth).</summary>
public sealed class AppsCorpusTests
{
    [Fact]
    public async Task CorsAnywhere_IsTheServerItsProcfileStarts_OnItsPortDefault_WithEveryVariableItReads()
    {
        var (outcome, artifacts, plan) = await EnvHarness.RunAsync(new DirectorySourceTree(CorpusTests.Corpus("apps/cors-anywhere")));

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var app = Assert.Single(plan.Apps);
        Assert.True(app.Server, $"{app.Kind}: {app.Start.Rule}");
        // Procfile: `web: node server.js`; server.js:4 `var port = process.env.PORT || 8080;`
        Assert.Equal("node server.js", app.Start.Value);
        Assert.Equal("8080", app.Port.Value);
        Assert.Equal(["CORSANYWHERE_BLACKLIST", "CORSANYWHERE_RATELIMIT", "CORSANYWHERE_WHITELIST", "HOST", "PORT"],
            app.Env.Select(v => v.Name).Order(StringComparer.Ordinal));
        Assert.Contains("server.js:4", app.Env.Single(v => v.Name == "PORT").Evidence);
        Assert.Empty(app.Stores);
        Assert.Contains("env/apps/cors-anywhere/Dockerfile", artifacts.Files.Keys);
    }

    [Fact]
    public async Task Webhook_AGoServerWithItsModulesVendored_ListensOnItsPortFlagsDefault()
    {
        var (outcome, _, plan) = await EnvHarness.RunAsync(new DirectorySourceTree(CorpusTests.Corpus("apps/webhook")));

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var app = Assert.Single(plan.Apps);
        Assert.True(app.Server, $"{app.Kind}: {app.Start.Rule}");
        // webhook.go: `port = flag.Int("port", 9000, "port the webhook should serve hooks on")`
        Assert.Equal(("9000", "port.flag-default"), (app.Port.Value, app.Port.Rule));
        Assert.Contains(app.Port.Evidence, e => e.StartsWith("webhook.go:", StringComparison.Ordinal));
    }
}
