namespace Noa.Abstractions;

/// <summary>How a sandboxed process tree ended, and what it used.</summary>
public sealed record SandboxResult
{
    /// <summary>Why it ended: its own exit, or the limit that ended it (<c>oom</c>, <c>pids</c>, <c>timeout</c>, <c>output</c>).</summary>
    public required SandboxTermination Termination { get; init; }

    /// <summary>The exit code when it exited by itself; null when a signal or the sandbox ended it.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the command when <see cref="Termination"/> is <see cref="SandboxTermination.Signaled"/>.</summary>
    public int? Signal { get; init; }

    /// <summary>What it used, measured by its cgroup.</summary>
    public required SandboxUsage Usage { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset EndedAt { get; init; }

    /// <summary>For people: the limit and its value, or why the command could not start.</summary>
    public string? Detail { get; init; }

    /// <summary>Whether it exited by itself with code 0.</summary>
    public bool Succeeded => Termination == SandboxTermination.Exited && ExitCode == 0;
}
