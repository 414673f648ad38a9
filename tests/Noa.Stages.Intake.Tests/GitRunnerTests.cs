using Noa.Stages.Intake.Tests.Support;

namespace Noa.Stages.Intake.Tests;

public sealed class GitRunnerTests
{
    [Fact]
    public async Task RunAsync_RepositoryWithPostCheckoutHook_DoesNotRunIt()
    {
        using var temp = new TempFolder();
        var repo = temp.Combine("repo");
        GitCli.Init(repo);
        GitCli.Commit(repo, "one", ("a.txt", "a"));
        var marker = temp.Combine("marker");
        var hook = Path.Combine(repo, ".git", "hooks", "post-checkout");
        File.WriteAllText(hook, $"#!/bin/sh\ntouch '{marker}'\n");
        File.SetUnixFileMode(hook, (UnixFileMode)0b111_101_101);
        var git = new GitRunner(new IntakeOptions(), allowFileProtocol: false, [], CancellationToken.None);

        var result = await git.RunAsync(repo, "checkout", "-q", "--detach", "HEAD");

        Assert.True(result.Succeeded, result.Error);
        Assert.False(File.Exists(marker), "the hook ran under the intake's git configuration");
        // Control: the same checkout with an ordinary configuration does run the hook, so the test can fail.
        GitCli.Run(repo, "checkout", "-q", "--detach", "HEAD");
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public async Task RunAsync_FileProtocolOff_RefusesLocalTransport()
    {
        using var temp = new TempFolder();
        var repo = temp.Combine("repo");
        GitCli.Init(repo);
        GitCli.Commit(repo, "one", ("a.txt", "a"));
        var target = temp.Combine("clone");
        var git = new GitRunner(new IntakeOptions(), allowFileProtocol: false, [], CancellationToken.None);

        var result = await git.RunAsync(temp.Path, "clone", "-q", "file://" + repo, target);

        Assert.False(result.Succeeded);
        Assert.Contains("transport 'file' not allowed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ExtTransport_IsNeverAllowed()
    {
        using var temp = new TempFolder();
        var marker = temp.Combine("ext-ran");
        var git = new GitRunner(new IntakeOptions(), allowFileProtocol: true, [], CancellationToken.None);

        var result = await git.RunAsync(temp.Path, "ls-remote", $"ext::sh -c touch% {marker}");

        Assert.False(result.Succeeded);
        Assert.False(File.Exists(marker));
    }
}
