namespace Noa.Abstractions;

/// <summary>Another command to run inside a running sandbox (<see cref="ISandboxProcess.ExecAsync"/>).</summary>
public sealed record SandboxExec
{
    /// <summary>The command and its arguments.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Its whole environment (nothing is inherited from the sandbox's main command or the host).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The working directory inside; null for the sandbox's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Whether the command reads standard input from <see cref="ISandboxProcess.Input"/>.</summary>
    public bool Stdin { get; init; }

    /// <summary>The wall-time limit of this command alone; null for the sandbox's.</summary>
    public TimeSpan? WallTime { get; init; }
}
