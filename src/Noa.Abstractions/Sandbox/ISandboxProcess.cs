using System.Net.Sockets;
using System.Threading.Channels;

namespace Noa.Abstractions;

/// <summary>
/// A running sandbox: its main process tree, its output, its usage so far and, once it ends, its result.
/// Disposing stops what still runs and removes everything the sandbox left on the host (processes, cgroups, mounts).
/// </summary>
public interface ISandboxProcess : IAsyncDisposable
{
    /// <summary>The sandbox's id (unique on this host), as used in cgroup names and logs.</summary>
    string Id { get; }

    /// <summary>
    /// Standard output and error in the order read, completed when both are closed. Bytes past
    /// <see cref="SandboxLimits.OutputBytes"/> are not delivered: the sandbox is ended with <see cref="SandboxTermination.Output"/>.
    /// </summary>
    ChannelReader<SandboxOutput> Output { get; }

    /// <summary>The main process's standard input when <see cref="SandboxSpec.Stdin"/> is set; otherwise null.</summary>
    Stream? Input { get; }

    /// <summary>Completes when the main process tree has ended (never faults): the exit, or the limit that ended it.</summary>
    Task<SandboxResult> Completion { get; }

    /// <summary>Resource usage so far (CPU, peak memory and processes, wall time, output bytes).</summary>
    SandboxUsage Usage();

    /// <summary>Kills every process of the sandbox now; <see cref="Completion"/> then reports <see cref="SandboxTermination.Stopped"/>.</summary>
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs another command inside this sandbox while it runs: same root, binds, user, network and limits (its
    /// processes count against them). Its own <see cref="ISandboxProcess.Completion"/> reports its exit; a limit
    /// reached by either ends the whole sandbox. Called while the sandbox is still being set up, it waits for the command;
    /// called once the sandbox has ended, it throws <see cref="InvalidOperationException"/>.
    /// </summary>
    Task<ISandboxProcess> ExecAsync(SandboxExec exec, CancellationToken cancellationToken = default);

    /// <summary>
    /// The listening socket of one of <see cref="SandboxSpec.InnerListeners"/>: bound to that port on the sandbox's
    /// loopback before its command started, and served by the caller on the host (a sidecar: egress proxy, OTLP, build API).
    /// </summary>
    Socket Listener(int port);

    /// <summary>Connects to a TCP port on the sandbox's loopback (a service listening inside), from the host.</summary>
    Task<Socket> ConnectAsync(int port, CancellationToken cancellationToken = default);
}
