using Noa.Stages.Intake.Tests.Support;
using static Noa.Stages.Intake.Tests.Support.ArchiveBuilder;

namespace Noa.Stages.Intake.Tests;

public sealed class TreeHashTests
{
    private static readonly (string Path, string Content)[] Content =
        [("README.md", "# demo\n"), ("src/main.c", "int main(void) { return 0; }\n"), ("src/util/strings.h", "#pragma once\n")];

    [Fact]
    public async Task ExecuteAsync_SameContentAsFolderTarAndZip_GivesTheSameTreeHash()
    {
        using var temp = new TempFolder();
        foreach (var (path, content) in Content)
        {
            temp.Write("folder/" + path, content);
        }
        Tar(temp.Combine("same.tar"), false, Content.Select(c => (System.Formats.Tar.TarEntry)File(c.Path, c.Content)).ToArray());
        Tar(temp.Combine("same.tgz"), true, Content.Reverse().Select(c => (System.Formats.Tar.TarEntry)File(c.Path, c.Content)).ToArray());
        Zip(temp.Combine("same.zip"), Content.Select(c => (c.Path, c.Content, (int?)null)).ToArray());

        using var folder = await IntakeRun.ExecuteAsync(temp.Combine("folder"));
        using var tar = await IntakeRun.ExecuteAsync(temp.Combine("same.tar"));
        using var tgz = await IntakeRun.ExecuteAsync(temp.Combine("same.tgz"));
        using var zip = await IntakeRun.ExecuteAsync(temp.Combine("same.zip"));

        var hash = folder.Snapshot.TreeHash;
        Assert.Matches("^sha256:[0-9a-f]{64}$", hash);
        Assert.Equal(hash, tar.Snapshot.TreeHash);
        Assert.Equal(hash, tgz.Snapshot.TreeHash);
        Assert.Equal(hash, zip.Snapshot.TreeHash);
        Assert.Equal(hash, folder.Provenance.GetProperty("treeHash").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_TimestampsChanged_GivesTheSameTreeHash()
    {
        using var temp = new TempFolder();
        foreach (var (path, content) in Content)
        {
            temp.Write(path, content);
        }
        using var before = await IntakeRun.ExecuteAsync(temp.Path);
        foreach (var file in Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories))
        {
            System.IO.File.SetLastWriteTimeUtc(file, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        }

        using var after = await IntakeRun.ExecuteAsync(temp.Path);

        Assert.Equal(before.Snapshot.TreeHash, after.Snapshot.TreeHash);
    }

    [Fact]
    public async Task ExecuteAsync_ContentChanged_GivesAnotherTreeHash()
    {
        using var temp = new TempFolder();
        temp.Write("a.txt", "one");
        using var before = await IntakeRun.ExecuteAsync(temp.Path);
        temp.Write("a.txt", "two");

        using var after = await IntakeRun.ExecuteAsync(temp.Path);

        Assert.NotEqual(before.Snapshot.TreeHash, after.Snapshot.TreeHash);
    }

    [Fact]
    public async Task ExecuteAsync_GitRepoAndItsGitArchives_GiveTheSameTreeHash()
    {
        using var temp = new TempFolder();
        var repo = temp.Combine("repo");
        GitCli.Init(repo);
        foreach (var (path, content) in Content)
        {
            temp.Write("repo/" + path, content);
        }
        System.IO.File.SetUnixFileMode(temp.Write("repo/run.sh", "#!/bin/sh\n"), (UnixFileMode)0b111_101_101);
        GitCli.Commit(repo, "one");
        // Real-world archives: git archive writes a pax global header and Unix modes in zip entries.
        GitCli.Run(repo, "archive", "--format=tar.gz", "-o", temp.Combine("repo.tar.gz"), "HEAD");
        GitCli.Run(repo, "archive", "--format=zip", "-o", temp.Combine("repo.zip"), "HEAD");

        using var git = await IntakeRun.ExecuteAsync(repo);
        using var tgz = await IntakeRun.ExecuteAsync(temp.Combine("repo.tar.gz"));
        using var zip = await IntakeRun.ExecuteAsync(temp.Combine("repo.zip"));

        git.AssertSucceeded();
        Assert.True(git.Snapshot.Files.Single(f => f.Path == "run.sh").Executable);
        Assert.Equal(git.Snapshot.TreeHash, tgz.Snapshot.TreeHash);
        Assert.Equal(git.Snapshot.TreeHash, zip.Snapshot.TreeHash);
    }
}
