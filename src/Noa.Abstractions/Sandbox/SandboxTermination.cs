namespace Noa.Abstractions;

/// <summary>How a sandboxed process tree ended: by itself, or by the limit or request that ended it.</summary>
public enum SandboxTermination
{
    /// <summary>The command exited (<see cref="SandboxResult.ExitCode"/>).</summary>
    Exited,

    /// <summary>The command was killed by a signal it did not get from the sandbox (<see cref="SandboxResult.Signal"/>).</summary>
    Signaled,

    /// <summary>The memory limit was reached: the kernel's OOM killer ran, and the sandbox was ended.</summary>
    Oom,

    /// <summary>The process limit was reached (a fork was refused), and the sandbox was ended.</summary>
    Pids,

    /// <summary>The wall-time limit passed, and the sandbox was ended.</summary>
    Timeout,

    /// <summary>The output limit was reached, and the sandbox was ended.</summary>
    Output,

    /// <summary>Stopped on request (<see cref="ISandboxProcess.StopAsync"/>, disposal, cancellation).</summary>
    Stopped,

    /// <summary>The sandbox could not start the command (see <see cref="SandboxResult.Detail"/>).</summary>
    Failed,
}
