using System.Security.Cryptography;
using Noa.Stages.Runner.Repair;

namespace Noa.Stages.Runner.Tests.Repair;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WorkspaceSnapshotTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("noa-snapshot-").FullName;

    private string Workspace()
    {
        var ws = Directory.CreateDirectory(Path.Combine(_root, "ws")).FullName;
        File.WriteAllText(Path.Combine(ws, "a.txt"), "alpha\n");
        Directory.CreateDirectory(Path.Combine(ws, "src", "deep"));
        File.WriteAllBytes(Path.Combine(ws, "src", "deep", "b.bin"), [0, 1, 2, 255]);
        File.WriteAllText(Path.Combine(ws, "run.sh"), "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(Path.Combine(ws, "run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(ws, "link"), "src/deep/b.bin");
        return ws;
    }

    // Every entry: its path, kind, mode, link target and content hash.
    private static List<string> Tree(string root) =>
        [.. new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(e => string.Join(" | ", Path.GetRelativePath(root, e.FullName), e is DirectoryInfo ? "dir" : "file", e.UnixFileMode, e.LinkTarget ?? "",
                e is FileInfo f && e.LinkTarget is null ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.FullName))) : ""))
            .Order(StringComparer.Ordinal)];

    private static void Change(string ws)
    {
        File.WriteAllText(Path.Combine(ws, "written.txt"), "new");
        File.AppendAllText(Path.Combine(ws, "a.txt"), "changed");
        File.Delete(Path.Combine(ws, "src", "deep", "b.bin"));
        File.SetUnixFileMode(Path.Combine(ws, "run.sh"), UnixFileMode.UserRead);
        Directory.CreateDirectory(Path.Combine(ws, "build", "out"));
    }

    [Fact]
    public async Task Restore_AfterChanges_LeavesTheWorkspaceByteIdentical()
    {
        var ws = Workspace();
        var before = Tree(ws);
        using var snapshot = await WorkspaceSnapshot.TakeAsync(ws, default);

        Change(ws);
        Assert.NotEqual(before, Tree(ws));
        snapshot.Restore();

        Assert.Equal(before, Tree(ws));
        Assert.False(File.Exists(Path.Combine(ws, "written.txt")));
        Assert.Single(Directory.GetDirectories(_root)); // no copy left beside it
    }

    [Fact]
    public async Task Dispose_WithoutRestore_KeepsTheChangesAndDropsTheCopy()
    {
        // The control: a kept attempt's changes stay.
        var ws = Workspace();
        var before = Tree(ws);
        using (await WorkspaceSnapshot.TakeAsync(ws, default))
            Change(ws);

        Assert.NotEqual(before, Tree(ws));
        Assert.True(File.Exists(Path.Combine(ws, "written.txt")));
        Assert.Single(Directory.GetDirectories(_root));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
