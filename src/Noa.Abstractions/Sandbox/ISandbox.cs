namespace Noa.Abstractions;

/// <summary>
/// Runs a process tree isolated from the host: its own root (the host's <c>/usr</c> read-only, or an image's root
/// file system), only the binds it is given, a user namespace whose root is never root outside, no network but its
/// own loopback, and limits on CPU, memory, processes, wall time, output and scratch space. Code that is not ours
/// (builds, tests, generated containers) runs only here. Implementation: bubblewrap + cgroups
/// (<c>Noa.Sandbox.Bubblewrap</c>); a gVisor runtime class would be another.
/// </summary>
public interface ISandbox
{
    /// <summary>
    /// Starts the process tree of <paramref name="spec"/> and returns it running: its output streams through
    /// <see cref="ISandboxProcess.Output"/>, and <see cref="ISandboxProcess.Completion"/> says how it ended.
    /// A spec that cannot run (a bind source that does not exist, a limit out of range) throws
    /// <see cref="ArgumentException"/> naming the field; a host that cannot sandbox throws <see cref="SandboxUnavailableException"/>.
    /// </summary>
    Task<ISandboxProcess> StartAsync(SandboxSpec spec, CancellationToken cancellationToken = default);
}
