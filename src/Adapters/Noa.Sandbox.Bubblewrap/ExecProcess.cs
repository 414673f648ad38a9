using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;
using Noa.Abstractions;
using Noa.Sandbox.Bubblewrap.Cgroups;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// A command run inside a running sandbox: <c>nsenter</c> joins every namespace of the sandbox's command (user, mount,
/// pid, network, ipc, uts, cgroup) after the launcher has put it in the sandbox's cgroup, so it shares the root, binds,
/// user, network and limits. Known difference from the main command: when the sandbox's user is root inside, an exec
/// holds the capabilities of root in the sandbox's own user namespace (never outside it).
/// </summary>
internal sealed class ExecProcess : ISandboxProcess
{
    private readonly SandboxedProcess _sandbox;
    private readonly Process _process;
    private readonly OutputPump _pump;
    private readonly ISandboxCgroup _cgroup;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _startedAt;
    private readonly TimeProvider _time;
    private int _reason = -1;
    private string? _detail;

    private ExecProcess(SandboxedProcess sandbox, Process process, SandboxExec exec, SandboxSpec spec, ISandboxCgroup cgroup, TimeProvider time)
    {
        (_sandbox, _process, _cgroup, _time) = (sandbox, process, cgroup, time);
        _startedAt = time.GetUtcNow();
        Id = $"{sandbox.Id}/exec-{process.Id}";
        _pump = new OutputPump(process.StandardOutput.BaseStream, process.StandardError.BaseStream, spec.Limits.OutputBytes,
            () => End(SandboxTermination.Output, $"output limit of {spec.Limits.OutputBytes} bytes reached"));
        if (exec.Stdin)
            Input = process.StandardInput.BaseStream;
        else
            process.StandardInput.Close();
        Completion = RunAsync(exec.WallTime ?? spec.Limits.WallTime);
    }

    public string Id { get; }

    public ChannelReader<SandboxOutput> Output => _pump.Reader;

    public Stream? Input { get; }

    public Task<SandboxResult> Completion { get; }

    /// <summary>Runs <paramref name="exec"/> in the namespaces of <paramref name="target"/>, the host pid of the sandbox's command.</summary>
    public static Task<ISandboxProcess> StartAsync(SandboxedProcess sandbox, int target, SandboxSpec spec, SandboxExec exec, ISandboxCgroup cgroup,
        SandboxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (exec.Command.Count == 0 || string.IsNullOrEmpty(exec.Command[0]))
            throw new ArgumentException("The exec is invalid: command: must name a program.", nameof(exec));
        var command = new List<string> { "env", "-i" };
        command.AddRange(exec.Environment.Select(e => $"{e.Key}={e.Value}"));
        command.AddRange([context.Settings.Nsenter, "-t", Int(target), "-a", "-S", Int(spec.Uid), "-G", Int(spec.Gid),
            "--root", "--wdns=" + (exec.WorkingDirectory ?? spec.WorkingDirectory), "--"]);
        command.AddRange(exec.Command);
        var process = Launcher.Start(cgroup.ProcsFiles, null, null, command);
        return Task.FromResult<ISandboxProcess>(new ExecProcess(sandbox, process, exec, spec, cgroup, context.Time));
    }

    public SandboxUsage Usage() => _sandbox.Usage() with
    {
        WallTime = Stopwatch.GetElapsedTime(_started), StdoutBytes = _pump.StdoutBytes, StderrBytes = _pump.StderrBytes,
    };

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        End(SandboxTermination.Stopped, "stopped on request");
        await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<ISandboxProcess> ExecAsync(SandboxExec exec, CancellationToken cancellationToken = default) => _sandbox.ExecAsync(exec, cancellationToken);

    public Socket Listener(int port) => _sandbox.Listener(port);

    public Task<Socket> ConnectAsync(int port, CancellationToken cancellationToken = default) => _sandbox.ConnectAsync(port, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
            End(SandboxTermination.Stopped, "disposed");
        await Completion.ConfigureAwait(false);
    }

    private void End(SandboxTermination reason, string detail)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, -1) != -1)
            return;
        _detail = detail;
        // nsenter forked the command into the sandbox's pid namespace: kill it and everything it started.
        var members = _cgroup.ProcsFiles.SelectMany(CgroupFiles.ReadPids).Distinct().ToList();
        try
        {
            foreach (var pid in ProcTree.Descendants(_process.Id, members).Reverse())
                Native.KillProcess(pid);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private async Task<SandboxResult> RunAsync(TimeSpan wallTime)
    {
        using var stop = new CancellationTokenSource();
        var timer = Task.Delay(wallTime, _time, stop.Token).ContinueWith(t =>
        {
            if (!t.IsCanceled)
                End(SandboxTermination.Timeout, $"wall-time limit of {wallTime} reached");
        }, TaskScheduler.Default);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(_started);
        await stop.CancelAsync().ConfigureAwait(false);
        await timer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _pump.Completion.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var usage = _sandbox.Usage() with { WallTime = wall, StdoutBytes = _pump.StdoutBytes, StderrBytes = _pump.StderrBytes };
        var result = new SandboxResult { Termination = SandboxTermination.Exited, Usage = usage, StartedAt = _startedAt, EndedAt = _time.GetUtcNow() };
        var exit = _process.ExitCode;
        _process.Dispose();
        if (_reason >= 0)
            return result with { Termination = (SandboxTermination)_reason, Detail = _detail };
        if (exit is > 128 and < 128 + 65)
            return result with { Termination = SandboxTermination.Signaled, ExitCode = exit, Signal = exit - 128 };
        return result with { ExitCode = exit };
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
