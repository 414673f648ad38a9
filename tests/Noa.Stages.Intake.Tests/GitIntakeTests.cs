using Noa.Abstractions;
using Noa.Stages.Intake.Tests.Support;

namespace Noa.Stages.Intake.Tests;

public sealed class GitIntakeTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _repo;
    private readonly string _first;
    private readonly string _second;

    public GitIntakeTests()
    {
        _repo = _temp.Combine("repo");
        GitCli.Init(_repo);
        _first = GitCli.Commit(_repo, "first", ("README.md", "v1"), ("src/app.txt", "app v1"));
        GitCli.Run(_repo, "tag", "-a", "v1", "-m", "release 1");
        _second = GitCli.Commit(_repo, "second", ("README.md", "v2"), ("src/new.txt", "added"));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ExecuteAsync_LocalRepository_TakesTrackedFilesAtHead()
    {
        File.WriteAllText(Path.Combine(_repo, "untracked.txt"), "not committed");

        using var run = await IntakeRun.ExecuteAsync(_repo);

        run.AssertSucceeded();
        Assert.Equal(["README.md", "src/app.txt", "src/new.txt"], run.Paths);
        Assert.Equal("v2", run.Text("README.md"));
        var provenance = run.Provenance;
        Assert.Equal("git", provenance.GetProperty("kind").GetString());
        Assert.Equal(_second, provenance.GetProperty("resolvedCommit").GetString());
        Assert.Equal(2, provenance.GetProperty("git").GetProperty("commitCount").GetInt32());
        Assert.Equal($"3 files, 13 B, git {_second[..7]}", run.Outcome.Summary);
    }

    [Fact]
    public async Task ExecuteAsync_Ref_ChecksOutTheTag()
    {
        using var run = await IntakeRun.ExecuteAsync(new DigestRequest { Source = _repo, Ref = "v1" });

        run.AssertSucceeded();
        Assert.Equal(["README.md", "src/app.txt"], run.Paths);
        Assert.Equal(_first, run.Provenance.GetProperty("resolvedCommit").GetString());
        Assert.Equal("v1", run.Provenance.GetProperty("ref").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExecuteAsync_Commit_ChecksOutThatCommit(bool abbreviated)
    {
        var commit = abbreviated ? _first[..10] : _first;

        using var run = await IntakeRun.ExecuteAsync(new DigestRequest { Source = _repo, Commit = commit });

        run.AssertSucceeded();
        Assert.Equal("v1", run.Text("README.md"));
        Assert.Equal(_first, run.Provenance.GetProperty("resolvedCommit").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_Depth_FetchesOnlyThatMuchHistory()
    {
        using var run = await IntakeRun.ExecuteAsync(new DigestRequest { Source = "file://" + _repo, Depth = 1 });

        run.AssertSucceeded();
        var git = run.Provenance.GetProperty("git");
        Assert.Equal(1, git.GetProperty("commitCount").GetInt32());
        Assert.Equal(1, git.GetProperty("depth").GetInt32());
    }

    [Fact]
    public async Task ExecuteAsync_RepositoryWithHooks_NeverRunsThem()
    {
        var marker = _temp.Combine("hook-ran");
        // A hook committed in the tree: a checkout must not run it either. Committed before the hooks are
        // installed, or this test's own commit would run them.
        GitCli.Commit(_repo, "hooks", ("hooks/post-checkout", $"#!/bin/sh\ntouch '{marker}'\n"));
        foreach (var hook in new[] { "post-checkout", "post-merge", "reference-transaction", "pre-auto-gc", "fsmonitor-watchman" })
        {
            var path = Path.Combine(_repo, ".git", "hooks", hook);
            File.WriteAllText(path, $"#!/bin/sh\ntouch '{marker}'\n");
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }

        using var run = await IntakeRun.ExecuteAsync(_repo);

        run.AssertSucceeded();
        Assert.False(File.Exists(marker), "a git hook ran during intake");
    }

    [Fact]
    public async Task ExecuteAsync_Submodule_IsNotRecursedUnlessAsked()
    {
        var library = _temp.Combine("library");
        GitCli.Init(library);
        GitCli.Commit(library, "lib", ("lib.txt", "library"));
        GitCli.Run(_repo, "submodule", "add", "-q", library, "vendor/lib");
        GitCli.Run(_repo, "commit", "-q", "-m", "add submodule");

        using var plain = await IntakeRun.ExecuteAsync(_repo);
        using var recursed = await IntakeRun.ExecuteAsync(new DigestRequest { Source = _repo, Submodules = true });

        plain.AssertSucceeded();
        Assert.DoesNotContain(plain.Paths, p => p.StartsWith("vendor/lib/", StringComparison.Ordinal));
        Assert.Contains(plain.Provenance.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("vendor/lib", StringComparison.Ordinal));
        recursed.AssertSucceeded();
        Assert.Contains("vendor/lib/lib.txt", recursed.Paths);
    }

    [Fact]
    public async Task ExecuteAsync_TrackedLinkOutsideRepository_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_repo, "passwd"), "/etc/passwd");
        GitCli.Commit(_repo, "link");

        using var run = await IntakeRun.ExecuteAsync(_repo);

        run.AssertRefused("'passwd'", "outside the source");
    }

    [Theory]
    [InlineData("--upload-pack=touch /tmp/x", null, "ref")]
    [InlineData("main..other", null, "ref")]
    [InlineData(null, "not-a-sha", "commit")]
    [InlineData(null, "-abc", "commit")]
    public async Task ExecuteAsync_UnsafeRefOrCommit_IsRefused(string? gitRef, string? commit, string named)
    {
        using var run = await IntakeRun.ExecuteAsync(new DigestRequest { Source = _repo, Ref = gitRef, Commit = commit });

        run.AssertRefused(named);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownRef_IsRefusedWithGitsReason()
    {
        using var run = await IntakeRun.ExecuteAsync(new DigestRequest { Source = _repo, Ref = "no-such-branch" });

        run.AssertRefused("no-such-branch");
    }

    [Fact]
    public async Task ExecuteAsync_RemoteDaemonWithPrivateNetworksAllowed_Clones()
    {
        using var daemon = GitDaemon.Start(_temp.Path);

        using var run = await IntakeRun.ExecuteAsync(
            new DigestRequest { Source = $"git://127.0.0.1:{daemon.Port}/repo", Ref = "v1", Depth = 1 },
            new IntakeOptions { AllowPrivateNetworks = true });

        run.AssertSucceeded();
        Assert.Equal(["README.md", "src/app.txt"], run.Paths);
        Assert.Equal(_first, run.Provenance.GetProperty("resolvedCommit").GetString());
        Assert.Equal(1, run.Provenance.GetProperty("git").GetProperty("commitCount").GetInt32());
    }

    [Fact]
    public async Task ExecuteAsync_RemoteDaemonWithDefaultOptions_IsRefusedAsLoopback()
    {
        using var daemon = GitDaemon.Start(_temp.Path);

        using var run = await IntakeRun.ExecuteAsync($"git://127.0.0.1:{daemon.Port}/repo");

        run.AssertRefused("127.0.0.1", "loopback");
    }

    [Fact]
    public async Task ExecuteAsync_GitSlowerThanTimeout_FailsAsRetryableTimeout()
    {
        using var run = await IntakeRun.ExecuteAsync(new DigestRequest { Source = _repo }, new IntakeOptions { GitTimeout = TimeSpan.FromTicks(1) });

        // A slow server is not bad input: the failure is a retryable Timeout.
        Assert.Equal(StageStatus.Failed, run.Outcome.Status);
        Assert.Equal(StageFailure.Timeout, run.Outcome.Failure!.ErrorType);
        Assert.False(run.Outcome.Failure.NonRetryable);
        Assert.Contains("GitTimeout", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Artifacts.Paths);
    }

    [Fact]
    public async Task ExecuteAsync_SubmoduleOutsideAllowedRoots_IsRefusedBeforeFetching()
    {
        var library = _temp.Combine("library");
        GitCli.Init(library);
        GitCli.Commit(library, "lib", ("lib.txt", "library"));
        GitCli.Run(_repo, "submodule", "add", "-q", library, "vendor/lib");
        GitCli.Run(_repo, "commit", "-q", "-m", "add submodule");

        using var run = await IntakeRun.ExecuteAsync(new DigestRequest { Source = _repo, Submodules = true },
            new IntakeOptions { AllowedFileRoots = [_repo] });

        run.AssertRefused("submodule", "outside the allowed file roots");
    }

    [Fact]
    public async Task ExecuteAsync_RetriedInTheSameWorkspace_GivesTheSameSnapshot()
    {
        using var workspace = new TempFolder();
        var request = new DigestRequest { Source = _repo };

        using var first = await IntakeRun.ExecuteAsync(request, workspace: workspace.Path);
        using var second = await IntakeRun.ExecuteAsync(request, workspace: workspace.Path);

        first.AssertSucceeded();
        second.AssertSucceeded();
        Assert.Equal(first.Snapshot.TreeHash, second.Snapshot.TreeHash);
    }

    [Fact]
    public async Task ExecuteAsync_NestedSubmodules_AreFetchedLevelByLevelUnderTheSamePolicy()
    {
        var inner = _temp.Combine("inner");
        GitCli.Init(inner);
        GitCli.Commit(inner, "inner", ("inner.txt", "innermost"));
        var library = _temp.Combine("library");
        GitCli.Init(library);
        GitCli.Commit(library, "lib", ("lib.txt", "library"));
        GitCli.Run(library, "submodule", "add", "-q", inner, "deps/inner");
        GitCli.Run(library, "commit", "-q", "-m", "add inner");
        GitCli.Run(_repo, "submodule", "add", "-q", library, "vendor/lib");
        GitCli.Run(_repo, "commit", "-q", "-m", "add library");
        var request = new DigestRequest { Source = _repo, Submodules = true };

        using var allowed = await IntakeRun.ExecuteAsync(request, new IntakeOptions { AllowedFileRoots = [_temp.Path] });
        using var refused = await IntakeRun.ExecuteAsync(request, new IntakeOptions { AllowedFileRoots = [_repo, library] });

        allowed.AssertSucceeded();
        Assert.Contains("vendor/lib/deps/inner/inner.txt", allowed.Paths);
        refused.AssertRefused("submodules", "inner", "outside the allowed file roots");
    }

    [Fact]
    public async Task ExecuteAsync_LocalRepositoryWithAlternatesOutsideRoots_IsRefused()
    {
        var borrower = _temp.Combine("borrower");
        GitCli.Run(_temp.Path, "clone", "-q", "--shared", _repo, borrower);

        using var refused = await IntakeRun.ExecuteAsync(borrower, new IntakeOptions { AllowedFileRoots = [borrower] });
        using var allowed = await IntakeRun.ExecuteAsync(borrower, new IntakeOptions { AllowedFileRoots = [_temp.Path] });

        refused.AssertRefused("reads objects from", "outside the allowed file roots");
        allowed.AssertSucceeded();
        Assert.Equal(_second, allowed.Provenance.GetProperty("resolvedCommit").GetString());
    }
}
