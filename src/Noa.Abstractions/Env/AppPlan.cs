namespace Noa.Abstractions.Env;

/// <summary>How one app of the repository (<see cref="Profiles.App"/>) is built and run, each decision with its evidence.</summary>
public sealed record AppPlan
{
    /// <summary>The app's name (the profile's), and the folder name of its files under <c>env/apps/</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Its folder, relative to the repository root (<c>.</c> for the root).</summary>
    public required string Root { get; init; }

    /// <summary>The profile's kind: service, web-app, worker, cli, library, …</summary>
    public required string Kind { get; init; }

    /// <summary>Whether it is planned as a long-running server (service, web-app, worker): compose, Kubernetes and a port.
    /// Libraries and CLIs get a Dockerfile that runs their command or tests, and no server files.</summary>
    public required bool Server { get; init; }

    /// <summary>The toolchain: <c>python</c>, <c>node</c>, <c>go</c>, <c>rust</c>, <c>java</c>, <c>dotnet</c>; null when none is supported.</summary>
    public string? Toolchain { get; init; }

    /// <summary>The runtime version (<c>3.11</c>, <c>18</c>, <c>1.19</c>).</summary>
    public required Decision Runtime { get; init; }

    /// <summary>The base image of the build stage, pinned by digest when <c>images.lock</c> holds it.</summary>
    public required Decision BuildImage { get; init; }

    /// <summary>The base image of the run stage, pinned by digest when <c>images.lock</c> holds it.</summary>
    public required Decision RunImage { get; init; }

    /// <summary>The package manager (from the lockfile, as the Classifier decided).</summary>
    public required Decision PackageManager { get; init; }

    /// <summary>The dependency install command (the layer before the source).</summary>
    public required Decision Install { get; init; }

    /// <summary>The build command, when the app has one.</summary>
    public required Decision Build { get; init; }

    /// <summary>The start command in the container.</summary>
    public required Decision Start { get; init; }

    /// <summary>The port it listens on.</summary>
    public required Decision Port { get; init; }

    /// <summary>The HTTP path probed for health; undecided means the probe is the port (TCP).</summary>
    public required Decision Health { get; init; }

    /// <summary>The stores and brokers it uses.</summary>
    public IReadOnlyList<BackingStore> Stores { get; init; } = [];

    /// <summary>Every environment variable its code reads, sorted by name.</summary>
    public IReadOnlyList<EnvVariable> Env { get; init; } = [];

    /// <summary>The folders it writes at run time (<see cref="StateFolder"/>); empty when no rule found a write, and then its root file
    /// system is read-only in compose, Kubernetes and the proof (only <c>/tmp</c> is writable).</summary>
    public IReadOnlyList<StateFolder> State { get; init; } = [];

    /// <summary>Whether its root file system can be read-only: nothing it writes lies outside <c>/tmp</c> and its data folders.</summary>
    public bool ReadOnlyRoot => State.All(s => s.Kind != StateFolder.Home);

    /// <summary>Decisions the sources disagree on.</summary>
    public IReadOnlyList<Contradiction> Contradictions { get; init; } = [];

    /// <summary>The files written for it (bundle paths).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}
