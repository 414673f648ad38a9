using System.Diagnostics;
using Noa.Sandbox.Bubblewrap;

namespace Noa.Conformance;

/// <summary>
/// bubblewrap's <c>--die-with-parent</c> is <c>PR_SET_PDEATHSIG</c>, and Linux's "parent" is the thread that forked it: a
/// sandbox launched from a thread that then ends must live on (before the fix, an npm install in the Runner's capsule was
/// killed with SIGKILL when the thread pool retired the thread that had started it).
/// </summary>
public sealed class BubblewrapLauncherTests
{
    [Fact]
    public async Task Launch_FromAThreadThatEnds_RunsToItsOwnEnd()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/bwrap"))
            Requirement.Unmet("bubblewrap launched as root on Linux (scripts/capsule.sh)");
        Process? process = null;
        string? first = null;
        var launcher = new Thread(() =>
        {
            process = Launcher.Start([], null, null,
                ["/usr/bin/bwrap", "--die-with-parent", "--ro-bind", "/", "/", "--", "/bin/sh", "-c", "echo started; sleep 2; echo lived"]);
            // The command runs, so bubblewrap has bound its life to its parent's (a thread that ends before that binds it to
            // the process instead, and proves nothing).
            first = process.StandardOutput.ReadLine();
        });
        launcher.Start();
        launcher.Join(); // the thread that asked for the launch has ended before the command does

        using (process)
        {
            var rest = await process!.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal("started", first);
            Assert.Equal(0, process.ExitCode); // 137 (SIGKILL) when the fork came from the ended thread
            Assert.Equal("lived", rest.Trim());
        }
    }

    [Fact]
    public async Task Launch_ItsCommandsOwnExit_IsKept()
    {
        // The control: a command that fails still reports its own exit through the launcher's thread.
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/bwrap"))
            Requirement.Unmet("bubblewrap launched as root on Linux (scripts/capsule.sh)");
        using var process = Launcher.Start([], null, null, ["/usr/bin/bwrap", "--die-with-parent", "--ro-bind", "/", "/", "--", "/bin/sh", "-c", "exit 3"]);

        await process.WaitForExitAsync();

        Assert.Equal(3, process.ExitCode);
    }
}
