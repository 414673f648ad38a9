using System.Diagnostics;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// Starts a command as root through a tiny shell that first moves itself into the sandbox's cgroup (so every process
/// after it is counted and limited from its first instruction), opens bubblewrap's control FIFOs as descriptors 3 and 4,
/// and then execs the command: no process of the sandbox ever runs outside its cgroup.
/// </summary>
internal static class Launcher
{
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
        return Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start.");
    }
}
