using System.Collections.Concurrent;
using System.Diagnostics;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// Starts a command as root through a tiny shell that first moves itself into the sandbox's cgroup (so every process
/// after it is counted and limited from its first instruction), opens bubblewrap's control FIFOs as descriptors 3 and 4,
/// and then execs the command: no process of the sandbox ever runs outside its cgroup.
/// Every launch forks from one thread that lives as long as the process: bubblewrap's <c>--die-with-parent</c> is
/// <c>PR_SET_PDEATHSIG</c>, whose "parent" is the thread that forked it, not the process (prctl(2)). Forked from a
/// thread-pool thread, a sandbox got SIGKILL whenever the pool retired that thread — an <c>npm ci</c> ended after about a
/// minute as "signaled" with no output, no OOM kill and no limit reached.
/// </summary>
internal static class Launcher
{
    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> Launches = [];
    private static readonly Lazy<Thread> Forker = new(() =>
    {
        var thread = new Thread(() =>
        {
            foreach (var (start, started) in Launches.GetConsumingEnumerable())
            {
                try
                {
                    started.SetResult(Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start."));
                }
                catch (Exception e)
                {
                    started.SetException(e);
                }
            }
        }) { IsBackground = true, Name = "noa-sandbox-launcher" };
        thread.Start();
        return thread;
    });

    public const int JoinFailed = 125;

    private const string Script = """
        IFS=:
        for f in $NOA_CGROUP_PROCS; do echo $$ > "$f" || exit 125; done
        unset IFS NOA_CGROUP_PROCS
        [ "$1" = - ] || exec 3>"$1"
        [ "$2" = - ] || exec 4<"$2"
        shift 2
        exec "$@"
        """;

    public static Process Start(IReadOnlyList<string> procsFiles, string? infoFifo, string? blockFifo, IEnumerable<string> command)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add("noa-sandbox");
        start.ArgumentList.Add(infoFifo ?? "-");
        start.ArgumentList.Add(blockFifo ?? "-");
        foreach (var arg in command)
            start.ArgumentList.Add(arg);
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["NOA_CGROUP_PROCS"] = string.Join(':', procsFiles);
        _ = Forker.Value;
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Launches.Add((start, started));
        return started.Task.GetAwaiter().GetResult();
    }
}
