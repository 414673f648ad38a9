using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;
using Noa.Sandbox.Bubblewrap.Cgroups;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// One running sandbox: the launch process (shell → setpriv → bubblewrap), its output, a monitor of its cgroup (peak
/// processes, OOM kills, refused forks) and its wall-time timer. Whichever limit is reached first ends the whole cgroup
/// and names the result; when the tree has ended, everything it held on the host is removed before
/// <see cref="Completion"/> completes, so a finished sandbox has left nothing behind.
/// </summary>
internal sealed partial class SandboxedProcess : ISandboxProcess
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly ISandboxCgroup _cgroup;
    private readonly OutputPump _pump;
    private readonly SandboxSpec _spec;
    private readonly SandboxContext _context;
    private readonly IReadOnlyDictionary<int, Socket> _listeners;
    private readonly Func<Task> _release;
    private readonly CancellationTokenSource _stop = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _startedAt;
    private int _reason = -1;
    private string? _detail;
    private int _peakPids;
    private long _ended;

    public SandboxedProcess(string id, Process process, int childPid, ISandboxCgroup cgroup, SandboxSpec spec, SandboxContext context,
        IReadOnlyDictionary<int, Socket> listeners, Func<Task> release)
    {
        (Id, _process, ChildPid, _cgroup, _spec, _context, _listeners, _release) = (id, process, childPid, cgroup, spec, context, listeners, release);
        _startedAt = context.Time.GetUtcNow();
        _pump = new OutputPump(process.StandardOutput.BaseStream, process.StandardError.BaseStream, spec.Limits.OutputBytes,
            () => End(SandboxTermination.Output, $"output limit of {spec.Limits.OutputBytes} bytes reached"));
        if (spec.Stdin)
            Input = process.StandardInput.BaseStream;
        else
            process.StandardInput.Close();
        Completion = RunAsync();
    }

    public string Id { get; }

    /// <summary>The host pid of the sandbox's first process (bubblewrap's init inside its pid namespace).</summary>
    public int ChildPid { get; }

    public ChannelReader<SandboxOutput> Output => _pump.Reader;

    public Stream? Input { get; }

    public Task<SandboxResult> Completion { get; }

    public SandboxUsage Usage()
    {
        var counters = _cgroup.Read();
        return new SandboxUsage(counters.Cpu, counters.MemoryPeak, Math.Max(_peakPids, counters.Pids), Elapsed(), _pump.StdoutBytes, _pump.StderrBytes);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        End(SandboxTermination.Stopped, "stopped on request");
        await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ISandboxProcess> ExecAsync(SandboxExec exec, CancellationToken cancellationToken = default) =>
        await ExecProcess.StartAsync(this, await CommandPidAsync(cancellationToken).ConfigureAwait(false), _spec, exec, _cgroup, _context,
            cancellationToken).ConfigureAwait(false);

    public Socket Listener(int port) => _listeners.TryGetValue(port, out var socket)
        ? socket
        : throw new ArgumentException($"Port {port} is not one of the sandbox's inner listeners ({string.Join(", ", _listeners.Keys)}).", nameof(port));

    public async Task<Socket> ConnectAsync(int port, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        if (Completion.IsCompleted)
            throw new InvalidOperationException($"Sandbox {Id} has ended.");
        var socket = NetNamespace.CreateSocket(ChildPid);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The host pid of the spec's command (the child of bubblewrap's init), or null once it has ended.</summary>
    private int? CommandPid() => ProcTree.ChildAmong(ChildPid, _cgroup.ProcsFiles.SelectMany(CgroupFiles.ReadPids).Distinct());

    /// <summary>
    /// The host pid of the spec's command, waiting for it while bubblewrap's init is still setting the sandbox up (it forks the
    /// command only once the root, binds and namespaces are ready, so an exec never joins a half-made sandbox). On a busy host
    /// that can take a while after <see cref="BubblewrapSandbox.StartAsync"/> returns; without the wait an early exec was told
    /// the sandbox had ended.
    /// </summary>
    private async Task<int> CommandPidAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (CommandPid() is { } pid)
                return pid;
            if (Completion.IsCompleted)
                throw new InvalidOperationException($"Sandbox {Id} has ended: nothing to run a command in.");
            await Task.WhenAny(Completion, Task.Delay(10, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Ends the sandbox for <paramref name="reason"/> unless something already did; the first reason is the result's.</summary>
    internal void End(SandboxTermination reason, string detail)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, -1) != -1)
            return;
        _detail = detail;
        Log.LimitReached(_context.Logger, Id, reason, detail);
        _ = Task.Run(() => _cgroup.Kill(KillTimeout));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
            End(SandboxTermination.Stopped, "disposed");
        await Completion.ConfigureAwait(false);
        _stop.Dispose();
    }

    private TimeSpan Elapsed() => Interlocked.Read(ref _ended) is var ended and > 0
        ? Stopwatch.GetElapsedTime(_started, ended)
        : Stopwatch.GetElapsedTime(_started);

    private async Task<SandboxResult> RunAsync()
    {
        var wall = WallTimerAsync(_stop.Token);
        var monitor = MonitorAsync(_stop.Token);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        Interlocked.Exchange(ref _ended, Stopwatch.GetTimestamp());
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(wall, monitor).ConfigureAwait(false);

        // Anything still alive (a daemon that left the pid namespace's init cannot exist, but a process of an exec can) ends now.
        var emptied = _cgroup.IsEmpty() || _cgroup.Kill(KillTimeout);
        await _pump.Completion.WaitAsync(KillTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var counters = _cgroup.Read();
        var result = Result(counters);
        var problems = new List<string>();
        if (!emptied)
            problems.Add("processes survived the kill");
        if (!_cgroup.Remove())
            problems.Add("the cgroup could not be removed");
        foreach (var listener in _listeners.Values)
            listener.Dispose();
        try
        {
            await _release().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(e.Message);
        }
        if (problems.Count > 0)
            Log.CleanupFailed(_context.Logger, Id, string.Join("; ", problems));
        _process.Dispose();
        Log.SandboxEnded(_context.Logger, Id, result.Termination, result.ExitCode, result.Usage.WallTime.TotalMilliseconds);
        return result;
    }

    private SandboxResult Result(CgroupCounters counters)
    {
        var usage = new SandboxUsage(counters.Cpu, counters.MemoryPeak, Math.Max(_peakPids, counters.Pids), Elapsed(), _pump.StdoutBytes, _pump.StderrBytes);
        var result = new SandboxResult { Termination = SandboxTermination.Exited, Usage = usage, StartedAt = _startedAt, EndedAt = _context.Time.GetUtcNow() };
        if (_reason >= 0)
            return result with { Termination = (SandboxTermination)_reason, Detail = _detail };
        if (counters.OomKills > 0)
            return result with { Termination = SandboxTermination.Oom, Detail = $"memory limit of {_spec.Limits.MemoryBytes} bytes reached ({counters.OomKills} OOM kills)" };
        if (counters.PidsRefused > 0)
            return result with { Termination = SandboxTermination.Pids, Detail = $"process limit of {_spec.Limits.Pids} reached ({counters.PidsRefused} forks refused)" };
        var exit = _process.ExitCode;
        if (exit == 1 && _pump.StderrHead.StartsWith("bwrap: ", StringComparison.Ordinal))
            return result with { Termination = SandboxTermination.Failed, ExitCode = exit, Detail = _pump.StderrHead.Trim() };
        // bubblewrap exits with 128 + the signal that ended the command.
        if (exit is > 128 and < 128 + 65)
            return result with { Termination = SandboxTermination.Signaled, ExitCode = exit, Signal = exit - 128 };
        return result with { ExitCode = exit };
    }

    private async Task WallTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(_spec.Limits.WallTime, _context.Time, cancellationToken).ConfigureAwait(false);
            End(SandboxTermination.Timeout, $"wall-time limit of {_spec.Limits.WallTime} reached");
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_context.Settings.SampleInterval, _context.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var counters = _cgroup.Read();
                _peakPids = Math.Max(_peakPids, counters.Pids);
                if (counters.OomKills > 0)
                    End(SandboxTermination.Oom, $"memory limit of {_spec.Limits.MemoryBytes} bytes reached ({counters.OomKills} OOM kills)");
                else if (counters.PidsRefused > 0)
                    End(SandboxTermination.Pids, $"process limit of {_spec.Limits.Pids} reached ({counters.PidsRefused} forks refused)");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.LimitReached, LogLevel.Information, "Sandbox {Id} ended: {Reason} ({Detail})")]
        public static partial void LimitReached(ILogger logger, string id, SandboxTermination reason, string detail);

        [LoggerMessage(LogEvents.SandboxEnded, LogLevel.Debug, "Sandbox {Id} ended: {Termination}, exit code {ExitCode}, {Ms} ms")]
        public static partial void SandboxEnded(ILogger logger, string id, SandboxTermination termination, int? exitCode, double ms);

        [LoggerMessage(LogEvents.CleanupFailed, LogLevel.Error, "Sandbox {Id} left something behind: {Problems}")]
        public static partial void CleanupFailed(ILogger logger, string id, string problems);
    }
}
