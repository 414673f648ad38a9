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
        Assert.Contains("**/dist\n", artifacts.Text("env/.dockerignore"));
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
        // vendor/ holds every module: no install (the Debian route rewrote go.mod, and go build then ignored vendor/), -mod=vendor.
        Assert.Equal((null, "install.go-vendored"), (app.Install.Value, app.Install.Rule.Split(':')[0]));
        Assert.Equal("CGO_ENABLED=0 go build -mod=vendor -trimpath -o /out/server ./", app.Build.Value);
    }

    [Fact]
    public async Task Peer_APublishedCli_DeployedWithAPort_RunsItsOwnBinWithNode_AndShipsItsBuild()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(new DirectorySourceTree(CorpusTests.Corpus("apps/peer")));

        var app = Assert.Single(plan.Apps);
        // README.md:33 `peerjs --port 9000 --key peerjs --path /myapp`; package.json bin peerjs → dist/bin/peerjs.js, which npm
        // links for dependents only. Its build script (`parcel build` from bin/peerjs.ts) needs sources the package does not ship.
        Assert.Equal("node dist/bin/peerjs.js --port 9000 --key peerjs --path /myapp", app.Start.Value);
        Assert.Contains("start.own-bin", app.Start.Rule);
        Assert.True(app.Server, app.Kind);
        Assert.Equal("9000", app.Port.Value);
        Assert.Null(app.Build.Value);
        Assert.StartsWith("build.prebuilt", app.Build.Rule);
        // What it runs is under dist/, which .dockerignore then lets into the image (CorsAnywhere_*: kept out otherwise).
        Assert.DoesNotContain("**/dist\n", artifacts.Text("env/.dockerignore"));
    }

    [Fact]
    public async Task Gun_BuildsWithoutTheBuildScriptOfItsWebpackExample()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new DirectorySourceTree(CorpusTests.Corpus("apps/gun")));

        // examples/webpack/package.json has a build script; gun's own package.json has none (the image failed on `npm run build`).
        var app = EnvHarness.App(plan, ".");
        Assert.Null(app.Build.Value);
        Assert.StartsWith("node --inspect examples/http.js", app.Start.Value);
    }
}
