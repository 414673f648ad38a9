using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Workflows.Tests;

public sealed class ArtifactsAndSourceTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>An intake that snapshots two files the way the real one does: blobs plus <c>snapshot.json</c>.</summary>
    private static TestStage Intake() => new("intake", async (ctx, ct) =>
    {
        Assert.Null(ctx.Source);
        var files = new List<SourceFile>();
        foreach (var (path, text, exec) in new[] { ("src/main.py", "print('hi')\n", false), ("run.sh", "#!/bin/sh\n", true) })
        {
            var stored = await ctx.Artifacts.PutBlobAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), ct);
            files.Add(new SourceFile(path, stored.Sha256, stored.Size, exec));
        }
        var manifest = JsonSerializer.SerializeToUtf8Bytes(SourceManifest.Create(files), JsonSerializerOptions.Web);
        await ctx.Artifacts.WriteAsync(SourceManifest.BundlePath, new MemoryStream(manifest), "application/json", ct);
        await ctx.Artifacts.WriteAsync("provenance.json", new MemoryStream("{}"u8.ToArray()), "application/json", ct);
        return StageOutcome.Success();
    });

    [Fact]
    public async Task StageAfterIntake_GetsTheSnapshotAsSourceTreeAndCanMaterialiseItOnce()
    {
        string? workspace = null;
        var reader = new TestStage("reader", async (ctx, ct) =>
        {
            workspace = ctx.Workspace;
            Assert.False(Directory.Exists(ctx.Workspace));
            Directory.CreateDirectory(ctx.Workspace);
            await File.WriteAllTextAsync(Path.Combine(ctx.Workspace, "scratch.txt"), "x", ct);
            var source = ctx.Source!;
            Assert.Equal(["run.sh", "src/main.py"], source.Files.Select(f => f.Path));
            Assert.StartsWith("sha256:", source.TreeHash);
            await using (var main = await source.OpenReadAsync(source.Files[1], ct))
                Assert.Equal("print('hi')\n", await new StreamReader(main).ReadToEndAsync(ct));

            var roots = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => source.GetLocalRootAsync(ct)));
            Assert.Single(roots.Distinct());
            Assert.Equal("print('hi')\n", await File.ReadAllTextAsync(Path.Combine(roots[0], "src", "main.py"), ct));
            if (!OperatingSystem.IsWindows())
                Assert.True(File.GetUnixFileMode(Path.Combine(roots[0], "run.sh")).HasFlag(UnixFileMode.UserExecute));
            return StageOutcome.Success();
        }, "intake");

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("digest", [Intake(), reader]), EngineHarness.Request());

        Assert.Equal(RunState.Succeeded, record.State);
        Assert.Equal(Path.Combine(_h.Options.WorkspaceRoot, record.RunId, "reader"), workspace);
        Assert.False(Directory.Exists(Path.Combine(_h.Options.WorkspaceRoot, record.RunId)));
    }

    [Fact]
    public async Task ExportAsync_Run_WritesEveryArtifactButTheSnapshotByBundlePath()
    {
        var classifier = new TestStage("classifier", async (ctx, ct) =>
        {
            await ctx.Artifacts.WriteAsync("profile.json", new MemoryStream("""{"v":1}"""u8.ToArray()), "application/json", ct);
            await ctx.Artifacts.WriteAsync("env/k8s/deploy.yaml", new MemoryStream("kind: Deployment\n"u8.ToArray()), "application/yaml", ct);
            return StageOutcome.Success();
        }, "intake");
        var record = await _h.Engine.RunAsync(new WorkflowDefinition("digest", [Intake(), classifier]), EngineHarness.Request());
        var outDir = Path.Combine(_h.Path, "bundle");

        var count = await new BundleExporter(_h.Store, _h.Artifacts).ExportAsync(record.RunId, outDir);

        Assert.Equal(3, count);
        Assert.Equal(["env/k8s/deploy.yaml", "profile.json", "provenance.json"],
            Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(outDir, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        Assert.Equal("kind: Deployment\n", await File.ReadAllTextAsync(Path.Combine(outDir, "env", "k8s", "deploy.yaml")));
        var profile = (await _h.Store.GetArtifactsAsync(record.RunId)).Single(a => a.Path == "profile.json");
        Assert.Equal(("classifier", Convert.ToHexStringLower(SHA256.HashData("""{"v":1}"""u8))), (profile.Stage, profile.Sha256));
    }

    [Fact]
    public async Task ExportAsync_UnsafeStoredPath_Throws()
    {
        var stored = await _h.Artifacts.PutAsync(new MemoryStream("x"u8.ToArray()));
        await _h.Store.SaveArtifactAsync(new RunArtifact("run_evil", "../escape.txt", stored.Sha256, 1, "text/plain", "evil"));

        await Assert.ThrowsAsync<InvalidDataException>(() => new BundleExporter(_h.Store, _h.Artifacts).ExportAsync("run_evil", Path.Combine(_h.Path, "out")));
        Assert.False(File.Exists(Path.Combine(_h.Path, "escape.txt")));
    }

    [Fact]
    public async Task WriteAsync_UnsafePath_FailsTheStage()
    {
        var evil = new TestStage("evil", async (ctx, ct) =>
        {
            await ctx.Artifacts.WriteAsync("../../etc/passwd", new MemoryStream(), "text/plain", ct);
            return StageOutcome.Success();
        });
        _h.Options.DefaultRetryPolicy = new RetryPolicy { MaximumAttempts = 1 };

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("w", [evil]), EngineHarness.Request());

        Assert.Equal(RunState.Failed, record.State);
        Assert.Contains("not a valid bundle path", record.Reason);
    }

    [Theory]
    [InlineData("profile.json", true)]
    [InlineData("env/k8s/deploy.yaml", true)]
    [InlineData("sdk/python/.gitignore", true)]
    [InlineData("", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("../x", false)]
    [InlineData("a/../../x", false)]
    [InlineData("a//b", false)]
    [InlineData("./a", false)]
    [InlineData("a\\b", false)]
    [InlineData("C:/x", false)]
    public void IsValid_BundlePath_AcceptsOnlyRelativeForwardPathsInsideTheBundle(string path, bool valid)
    {
        Assert.Equal(valid, BundlePath.IsValid(path));
    }
}
