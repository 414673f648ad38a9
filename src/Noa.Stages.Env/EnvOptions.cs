using Noa.Abstractions;

namespace Noa.Stages.Env;

/// <summary>Options of the Env Synthesis stage (<c>Noa:Env</c>).</summary>
public sealed class EnvOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Env";

    /// <summary>Build each server app's image and start it in a Capsule (needs the capsules module in the process); off writes the
    /// files and records "not verified".</summary>
    public bool Verify { get; set; } = true;

    /// <summary>The base images generated Dockerfiles pin by digest (<c>make lock-images</c>); null or a missing file leaves tags unpinned,
    /// and the plan says so.</summary>
    public string? ImagesLock { get; set; }

    /// <summary>The package registries image builds reach; null: this host's configuration (<see cref="PackageRegistries.FromHost"/>).
    /// Without a pip index but with Debian's apt, Python's requirements are installed as Debian packages.</summary>
    public IReadOnlyList<PackageRegistry>? Registries { get; set; }

    /// <summary>Longest an image build may take.</summary>
    public TimeSpan BuildTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The CPU time a started image's own processes may spend before it must answer on its port: the start's budget, which a
    /// loaded machine does not shrink (the capsule runs at a low CPU weight, so its wall time measures the machine's load as much as
    /// the start). A container that ends fails at once.</summary>
    public TimeSpan StartCpuTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The wall-time ceiling of a start, whatever CPU time it spent (a server that waits idle on the wrong port).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Keep each verified image (built, and answering when it was started) as an OCI image layout in the run's artifacts
    /// (<see cref="Abstractions.EnvImages"/>), for the Registrar to publish with its SBOM and provenance; off builds, probes and forgets.</summary>
    public bool ExportImages { get; set; } = true;

    /// <summary>Tag each built Dockerfile's <c>build</c> stage (its toolchain and dependency layer, dev tools included) and keep it in this
    /// host's image storage for the Runner, which runs the app's steps in it and removes it when done; off removes every image the proof built.</summary>
    public bool KeepBuildStage { get; set; } = true;

    /// <summary>At most this many apps are verified per run (each is a build).</summary>
    public int MaxVerified { get; set; } = 4;

    /// <summary>Every problem with these options, all at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BuildTimeout <= TimeSpan.Zero)
            errors.Add($"{Section}:BuildTimeout must be positive (was {BuildTimeout}).");
        if (StartCpuTime <= TimeSpan.Zero)
            errors.Add($"{Section}:StartCpuTime must be positive (was {StartCpuTime}).");
        if (StartTimeout <= TimeSpan.Zero)
            errors.Add($"{Section}:StartTimeout must be positive (was {StartTimeout}).");
        if (MaxVerified < 0)
            errors.Add($"{Section}:MaxVerified must not be negative (was {MaxVerified}).");
        if (ImagesLock is { Length: 0 })
            errors.Add($"{Section}:ImagesLock must not be empty (leave it out instead).");
        return errors;
    }
}
