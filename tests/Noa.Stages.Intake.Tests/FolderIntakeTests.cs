using Noa.Abstractions;
using Noa.Stages.Intake.Tests.Support;

namespace Noa.Stages.Intake.Tests;

public sealed class FolderIntakeTests
{
    private static void WriteIgnoreTree(TempFolder root)
    {
        root.Write(".gitignore", "*.log\nbuild/\n!keep.log\n/top-only.txt\nsecret*\n");
        root.Write("a.txt", "a");
        root.Write("debug.log", "ignored");
        root.Write("keep.log", "re-included by negation");
        root.Write("top-only.txt", "ignored at the root only");
        root.Write("build/out.bin", "ignored folder");
        root.Write("src/top-only.txt", "anchored pattern does not apply here");
        root.Write("src/.gitignore", "!important.log\n*.tmp\n");
        root.Write("src/important.log", "re-included by a deeper file");
        root.Write("src/other.log", "still ignored by the root file");
        root.Write("src/x.tmp", "ignored by the nested file");
        root.Write("src/deep/.gitignore", "!x.tmp\n");
        root.Write("src/deep/x.tmp", "re-included two levels down");
        root.Write("src/secret-key.pem", "ignored");
        root.Write("src/build/nested.txt", "folder pattern matches at any depth");
        root.Write(".git/config", "never read");
    }

    [Fact]
    public async Task ExecuteAsync_NestedGitignoresWithNegations_KeepsWhatGitWouldKeep()
    {
        using var root = new TempFolder();
        WriteIgnoreTree(root);

        // The folder holds a (fake) .git, so the kind is given: detection would take it as a git repository.
        using var run = await IntakeRun.ExecuteAsync(root.Path, kind: SourceKind.Folder);

        run.AssertSucceeded();
        Assert.Equal(
            [".gitignore", "a.txt", "keep.log", "src/.gitignore", "src/deep/.gitignore", "src/deep/x.tmp", "src/important.log", "src/top-only.txt"],
            run.Paths);
        Assert.Equal("folder", run.Provenance.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_NestedGitignores_AgreesWithGitItself()
    {
        using var root = new TempFolder();
        WriteIgnoreTree(root);
        Directory.Delete(root.Combine(".git"), recursive: true);
        using var run = await IntakeRun.ExecuteAsync(root.Path, kind: SourceKind.Folder);

        GitCli.Init(root.Path);
        var listed = GitCli.Run(root.Path, "ls-files", "--others", "--exclude-standard", "-z")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);

        run.AssertSucceeded();
        Assert.Equal(listed, run.Paths);
    }

    [Fact]
    public async Task ExecuteAsync_LinkInsideRoot_IsReadAsTheFileItPointsTo()
    {
        using var root = new TempFolder();
        root.Write("real/data.txt", "payload");
        File.CreateSymbolicLink(root.Combine("alias.txt"), "real/data.txt");
        Directory.CreateSymbolicLink(root.Combine("loop"), ".");

        using var run = await IntakeRun.ExecuteAsync(root.Path);

        run.AssertSucceeded();
        Assert.Equal(["alias.txt", "real/data.txt"], run.Paths);
        Assert.Equal("payload", run.Text("alias.txt"));
        Assert.Contains(run.Provenance.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("'loop'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_LinkOutsideRoot_IsRefusedNamingTheLink()
    {
        using var root = new TempFolder();
        using var outside = new TempFolder();
        outside.Write("passwd", "host secret");
        root.Write("a.txt", "a");
        File.CreateSymbolicLink(root.Combine("leak"), outside.Combine("passwd"));

        using var run = await IntakeRun.ExecuteAsync(root.Path);

        run.AssertRefused("'leak'", "outside the source");
    }

    [Fact]
    public async Task ExecuteAsync_ExecutableBit_IsRecorded()
    {
        using var root = new TempFolder();
        var script = root.Write("run.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        root.Write("plain.txt", "x");

        using var run = await IntakeRun.ExecuteAsync(root.Path);

        run.AssertSucceeded();
        Assert.True(run.Snapshot.Files.Single(f => f.Path == "run.sh").Executable);
        Assert.False(run.Snapshot.Files.Single(f => f.Path == "plain.txt").Executable);
    }

    [Fact]
    public async Task ExecuteAsync_Folder_ReportsProgressAndSummary()
    {
        using var root = new TempFolder();
        root.Write("one.txt", "1");
        root.Write("two.txt", "22");

        using var run = await IntakeRun.ExecuteAsync(root.Path);

        run.AssertSucceeded();
        Assert.Equal("2 files, 3 B, folder", run.Outcome.Summary);
        Assert.Equal([1L, 2L], run.Progress.Select(p => p.Done));
        Assert.All(run.Progress, p => Assert.Equal(("files", (long?)2), (p.Unit, p.Total)));
    }

    [Fact]
    public async Task ExecuteAsync_TooManyFiles_IsRefused()
    {
        using var root = new TempFolder();
        for (var i = 0; i < 5; i++)
        {
            root.Write($"f{i}.txt", "x");
        }

        using var run = await IntakeRun.ExecuteAsync(root.Path, new IntakeOptions { MaxEntries = 3 });

        run.AssertRefused("MaxEntries");
    }
}
