using Noa.Abstractions;

namespace Noa.Stages.Runner.Execution;

/// <summary>One command run in one capsule: how it ended, what it used, and the end of its output.</summary>
/// <param name="Command">The shell command.</param>
/// <param name="Termination">exited, or the limit that ended it (timeout, oom, pids, output), stopped, failed (could not start).</param>
/// <param name="ExitCode">Its exit code when it exited by itself.</param>
/// <param name="Limit">For people: the limit and its value when one ended it (<c>wall time 300 s</c>), or why it could not start.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Output">Its whole output as read (bounded by the output limit), stdout and stderr interleaved.</param>
/// <param name="Usage">What it used, measured by its cgroup.</param>
internal sealed record Attempt(string Command, SandboxTermination Termination, int? ExitCode, string? Limit, double Seconds, string Output, SandboxUsage Usage)
{
    /// <summary>Whether the Runner's disk bound ended it (see <see cref="Limit"/>).</summary>
    public bool Disk { get; init; }

    /// <summary>What the capsule's policy agent let out and refused (each destination once per outcome).</summary>
    public IReadOnlyList<CapsuleEgress> Egress { get; init; } = [];

    public bool Succeeded => Termination == SandboxTermination.Exited && ExitCode == 0;

    /// <summary>Whether the command could not run at all here (its tool missing), so the plan's next candidate is worth a try.</summary>
    public bool NotFound => Termination == SandboxTermination.Exited && (ExitCode == 127
        || (ExitCode is 1 or 2 && (Output.Contains("No module named", StringComparison.Ordinal) || Output.Contains("command not found", StringComparison.Ordinal)
            || Output.Contains("Missing script:", StringComparison.Ordinal) || Output.Contains("No rule to make target", StringComparison.Ordinal))));

    /// <summary>Whether the command's tool is missing where it ran (not a script or target of the source's own): another root may have it.</summary>
    public bool ToolMissing => Termination == SandboxTermination.Exited && (ExitCode == 127
        || (ExitCode is 1 or 2 && (Output.Contains("No module named", StringComparison.Ordinal) || Output.Contains("command not found", StringComparison.Ordinal))));

    /// <summary>Whether a limit of the capsule ended it (never worth a second try).</summary>
    public bool HitLimit => Disk || Termination is SandboxTermination.Timeout or SandboxTermination.Oom or SandboxTermination.Pids or SandboxTermination.Output;

    /// <summary>How it ended, in words: <c>exit 0</c>, <c>exit 1</c>, <c>timeout: wall time 300 s</c>.</summary>
    public string Ending => Termination switch
    {
        _ when Disk => Limit!,
        SandboxTermination.Exited => $"exit {ExitCode}",
        _ => Termination.ToString().ToLowerInvariant() + (Limit is null ? "" : ": " + Limit),
    };
}
