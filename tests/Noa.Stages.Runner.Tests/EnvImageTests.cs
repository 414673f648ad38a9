using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Stages.Runner.Tests;

/// <summary>
/// The Runner on the image Env Synthesis builds: a package whose test needs the Node.js major its package.json pins (18, which the
/// generated Dockerfile's <c>FROM node:18</c> installs; this host's own node is another major) passes only in the app's build stage.
/// Env Synthesis builds it with buildah (FROM the local registry's node:18-slim, pinned by images.lock), tags its build stage, and the
/// Runner runs the steps there and removes the tag after.
/// </summary>
public sealed class EnvImageTests : IAsyncLifetime
{
    private RunnerPipeline _pipeline = null!;

    public ValueTask InitializeAsync()
    {
        _pipeline = new RunnerPipeline(buildImages: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    private string Pinned() => _pipeline.Folder(
        ("package.json", """{ "name": "pinned", "version": "1.0.0", "engines": { "node": "18" }, "scripts": { "test": "node --test" } }"""),
        ("index.js", "module.exports = () => process.versions.node;\n"),
        ("test/engine.test.js", """
            const test = require('node:test');
            const assert = require('node:assert');
            const { engines } = require('../package.json');

            test('runs on the Node.js major package.json pins', () => {
              assert.strictEqual(process.versions.node.split('.')[0], engines.node);
            });
            """));

    [Fact]
    public async Task TestStep_RunsInTheBuildStageEnvBuilt_AndPassesOnlyThere()
    {
        if (HostNodeMajor() == "18")
            Requirement.Unmet("this host's own node is 18, the major the test pins: it cannot tell the image from the host");

        var (outcome, report, artifacts) = await _pipeline.RunAsync(Pinned(), o => o.InstallPolicy = "none", env: true);

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var stage = Assert.Single(JsonDocument.Parse(artifacts.Files["env/verify.json"]).RootElement.GetProperty("apps").EnumerateArray()).GetProperty("buildStage");
        var tag = stage.GetProperty("reference").GetString()!;
        Assert.Equal("image", report.GetProperty("environment").GetProperty("kind").GetString());
        var test = report.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("phase").GetString() == "test");
        Assert.Equal("passed", test.GetProperty("status").GetString());
        var where = test.GetProperty("environment");
        Assert.Equal("image", where.GetProperty("kind").GetString());
        Assert.Equal(tag, where.GetProperty("image").GetString());
        Assert.Equal(stage.GetProperty("id").GetString(), where.GetProperty("imageId").GetString());
        Assert.True(report.GetProperty("levels").GetProperty("testsPassed").GetBoolean(), report.ToString());
        // demo.md gives the command that rebuilds the build stage and runs the step in it; the run's tag itself is removed.
        var demo = System.Text.Encoding.UTF8.GetString(artifacts.Files["demo.md"]);
        Assert.Contains("buildah build --target build -t noa-pinned-build -f env/apps/pinned/Dockerfile . && podman run", demo);
        Assert.Null(await _pipeline.Images.InspectAsync(tag));
    }

    [Fact]
    public async Task TestStep_WithTheImagePathOff_RunsOnTheHostAndFails()
    {
        // Control: the same package, Env's image built and kept, but the Runner told not to use it: the host's node fails the pin.
        if (HostNodeMajor() == "18")
            Requirement.Unmet("this host's own node is 18, the major the test pins: it cannot tell the image from the host");

        var (_, report, artifacts) = await _pipeline.RunAsync(Pinned(), o => { o.InstallPolicy = "none"; o.UseEnvImages = false; }, env: true);

        Assert.Equal("host-toolchains", report.GetProperty("environment").GetProperty("kind").GetString());
        var test = report.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("phase").GetString() == "test");
        Assert.Equal("failed", test.GetProperty("status").GetString());
        Assert.Equal("host", test.GetProperty("environment").GetProperty("kind").GetString());
        Assert.Contains("UseEnvImages=false", test.GetProperty("environment").GetProperty("why").GetString());
        var tag = JsonDocument.Parse(artifacts.Files["env/verify.json"]).RootElement.GetProperty("apps")[0].GetProperty("buildStage").GetProperty("reference").GetString()!;
        Assert.Null(await _pipeline.Images.InspectAsync(tag));
    }

    private static string? HostNodeMajor()
    {
        if (!File.Exists("/usr/bin/node"))
            return null;
        using var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/node", "-p process.versions.node") { RedirectStandardOutput = true })!;
        var version = node.StandardOutput.ReadToEnd().Trim();
        node.WaitForExit();
        return version.Split('.')[0];
    }
}
