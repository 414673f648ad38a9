using System.Text;
using Noa.Abstractions;

namespace Noa.Workflows.Tests;

/// <summary>
/// The bundle export never writes through a link already in the output folder, and never leaves a partial file: each file
/// goes to a temporary name and is renamed over its target. Canary files outside the folder prove nothing leaked.
/// </summary>
public sealed class ExportTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Export_LinkAtAFileOfTheBundle_IsReplacedNotFollowed()
    {
        var runId = await RunAsync(("provenance.json", "{\"v\":1}"), ("profile.json", "{}"));
        var canary = Canary("victim.txt");
        var outDir = Directory.CreateDirectory(Path.Combine(_h.Path, "out")).FullName;
        File.CreateSymbolicLink(Path.Combine(outDir, "provenance.json"), canary);

        await new BundleExporter(_h.Store, _h.Artifacts).ExportAsync(runId, outDir);

        Assert.Equal("canary", await File.ReadAllTextAsync(canary));
        var written = new FileInfo(Path.Combine(outDir, "provenance.json"));
        Assert.Null(written.LinkTarget);
        Assert.Equal("{\"v\":1}", await File.ReadAllTextAsync(written.FullName));
        Assert.Empty(Directory.EnumerateFiles(outDir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Export_LinkAtAFolderOfTheBundle_IsRefused()
    {
        var runId = await RunAsync(("env/Dockerfile", "FROM scratch\n"));
        var elsewhere = Directory.CreateDirectory(Path.Combine(_h.Path, "elsewhere")).FullName;
        var outDir = Directory.CreateDirectory(Path.Combine(_h.Path, "out")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(outDir, "env"), elsewhere);

        var e = await Assert.ThrowsAsync<IOException>(() => new BundleExporter(_h.Store, _h.Artifacts).ExportAsync(runId, outDir));

        Assert.Contains("is a symbolic link", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [Fact]
    public async Task Export_DanglingLinkAtAFile_IsReplaced()
    {
        var runId = await RunAsync(("profile.json", "{}"));
        var outDir = Directory.CreateDirectory(Path.Combine(_h.Path, "out")).FullName;
        var target = Path.Combine(_h.Path, "would-be-created.txt");
        File.CreateSymbolicLink(Path.Combine(outDir, "profile.json"), target);

        await new BundleExporter(_h.Store, _h.Artifacts).ExportAsync(runId, outDir);

        Assert.False(File.Exists(target));
        Assert.Equal("{}", await File.ReadAllTextAsync(Path.Combine(outDir, "profile.json")));
    }

    [Fact]
    public async Task Export_AgainIntoTheSameFolder_ReplacesEveryFile()
    {
        var runId = await RunAsync(("profile.json", "{\"new\":true}"));
        var outDir = Directory.CreateDirectory(Path.Combine(_h.Path, "out")).FullName;
        await File.WriteAllTextAsync(Path.Combine(outDir, "profile.json"), "old and longer than the new content");

        Assert.Equal(1, await new BundleExporter(_h.Store, _h.Artifacts).ExportAsync(runId, outDir));

        Assert.Equal("{\"new\":true}", await File.ReadAllTextAsync(Path.Combine(outDir, "profile.json")));
    }

    private string Canary(string name)
    {
        var path = Path.Combine(_h.Path, name);
        File.WriteAllText(path, "canary");
        return path;
    }

    private async Task<string> RunAsync(params (string Path, string Content)[] files)
    {
        var runId = "run_" + Guid.NewGuid().ToString("N");
        foreach (var (path, content) in files)
        {
            var stored = await _h.Artifacts.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)));
            await _h.Store.SaveArtifactAsync(new RunArtifact(runId, path, stored.Sha256, stored.Size, "application/octet-stream", "test"));
        }
        return runId;
    }
}
