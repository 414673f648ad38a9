namespace Noa.Abstractions;

/// <summary>What to run in a sandbox, where, and within which limits.</summary>
public sealed record SandboxSpec
{
    /// <summary>The command and its arguments (<c>argv</c>); the first is looked up in <c>PATH</c> inside the sandbox.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>
    /// The root file system: null for the host's (<c>/usr</c> and <c>/etc</c> read-only, secrets masked, nothing
    /// else of the host), or a folder holding a root file system (an image's, see <see cref="IImageBuilder.MountAsync"/>), read-only.
    /// </summary>
    public string? RootFs { get; init; }

    /// <summary>Host folders or files made visible inside, read-only unless <see cref="SandboxBind.Writable"/>.</summary>
    public IReadOnlyList<SandboxBind> Binds { get; init; } = [];

    /// <summary>The whole environment of the command: nothing of the host's environment is passed.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The working directory inside (absolute).</summary>
    public string WorkingDirectory { get; init; } = "/";

    /// <summary>The user id inside the sandbox (0 is root inside, mapped to an unprivileged user outside).</summary>
    public int Uid { get; init; }

    /// <summary>The group id inside the sandbox.</summary>
    public int Gid { get; init; }

    /// <summary>Writable scratch folders, each a fresh tmpfs of <see cref="SandboxLimits.TmpfsBytes"/> (charged to the memory limit).</summary>
    public IReadOnlyList<string> Tmpfs { get; init; } = ["/tmp"];

    /// <summary>The limits; <see cref="SandboxLimits.Validate"/> says which are out of range.</summary>
    public SandboxLimits Limits { get; init; } = new();

    /// <summary>
    /// Loopback ports inside the sandbox that the host side listens on before the command starts
    /// (<see cref="ISandboxProcess.Listener"/>): the sandbox has no network, these are its only ways out.
    /// </summary>
    public IReadOnlyList<int> InnerListeners { get; init; } = [];

    /// <summary>Whether the command reads standard input from <see cref="ISandboxProcess.Input"/> (else it reads nothing).</summary>
    public bool Stdin { get; init; }

    /// <summary>The host name inside.</summary>
    public string Hostname { get; init; } = "capsule";

    /// <summary>A prefix of the sandbox's id, for people reading cgroup names and logs (letters, digits, dashes).</summary>
    public string? Name { get; init; }
}
