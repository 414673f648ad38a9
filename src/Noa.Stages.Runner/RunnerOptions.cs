namespace Noa.Stages.Runner;

/// <summary>Options of the Runner stage (<c>Noa:Runner</c>).</summary>
public sealed class RunnerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Runner";

    /// <summary>
    /// The capsule egress policy build, test and smoke steps run under (<c>Noa:Capsule:Policies</c>): <c>none</c> (the default) is
    /// no network at all.
    /// </summary>
    public string Policy { get; set; } = "none";

    /// <summary>
    /// The capsule egress policy install steps (npm ci, dotnet restore, go mod download, …) run under: <c>registries</c> (the
    /// default) lets them reach the package registries this host's own configuration names and nothing else; an install step of
    /// an ecosystem with no configured registry is not run, with the reason. <c>none</c> runs no install step.
    /// </summary>
    public string InstallPolicy { get; set; } = "registries";

    /// <summary>
    /// Where each run's workspace (a copy of the source the steps may write to) is made and removed. Every folder above it must
    /// be traversable by others (<c>o+x</c>): each capsule runs as its own unprivileged host user.
    /// </summary>
    public string WorkDirectory { get; set; } = "/var/lib/noa-runner";

    /// <summary>
    /// Run each app's steps in the Dockerfile build stage Env Synthesis kept for it (env/verify.json), when this host's image storage
    /// has it; off runs every step on the host's toolchains.
    /// </summary>
    public bool UseEnvImages { get; set; } = true;

    /// <summary>CPU cores of each step's capsule.</summary>
    public double Cpus { get; set; } = 1;

    /// <summary>Memory of each step's capsule, tmpfs included.</summary>
    public long MemoryBytes { get; set; } = 2L << 30;

    /// <summary>Processes and threads at once in each step's capsule.</summary>
    public int Pids { get; set; } = 1024;

    /// <summary>Wall time of one step, in seconds: a step still running then is ended and reported with the limit named.</summary>
    public double StepSeconds { get; set; } = 300;

    /// <summary>
    /// Wall time of one install step, in seconds: an install downloads (npm upgrading an old lockfile asks the registry about every
    /// package, a first NuGet restore fetches hundreds of packages), so it gets its own limit, longer than a build's or a test's.
    /// </summary>
    public double InstallStepSeconds { get; set; } = 600;

    /// <summary>Wall time of every step of a run together, in seconds: steps not started by then are reported as not run.</summary>
    public double TotalSeconds { get; set; } = 900;

    /// <summary>Output bytes of one step (stdout and stderr together).</summary>
    public long OutputBytes { get; set; } = 32L << 20;

    /// <summary>Size of the capsule's <c>/tmp</c> (and <c>/root</c>, its home).</summary>
    public long TmpfsBytes { get; set; } = 256L << 20;

    /// <summary>
    /// How much the workspace may grow during one step (files written, caches, build outputs): one file larger than this is
    /// refused by the shell's file-size limit, and a workspace that grows past it is stopped (checked every second).
    /// </summary>
    public long DiskBytes { get; set; } = 2L << 30;

    /// <summary>Bytes of a step's output kept in runner.json and demo.md (its end; the start is where less happens).</summary>
    public int KeptOutputBytes { get; set; } = 4096;

    /// <summary>Apps (folders with their own tasks) planned at most, the root first.</summary>
    public int MaxApps { get; set; } = 3;

    /// <summary>Whether a failed test step is run once more, to tell flaky tests from failing ones.</summary>
    public bool RerunFailures { get; set; } = true;

    /// <summary>How long a service's smoke test waits for its port to open; the step's wall time (<see cref="StepSeconds"/>) still
    /// bounds the whole step, and ends it with the limit named when it is the shorter.</summary>
    public double ServiceWaitSeconds { get; set; } = 30;

    /// <summary>The optional repair loop with an OpenAI-compatible chat model; off (null, or no endpoint) by default.</summary>
    public Repair.RepairOptions? Repair { get; set; }

    /// <summary>Every problem with these options, all at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Policy))
            errors.Add($"{Section}:Policy must name a capsule egress policy (none for no network).");
        if (string.IsNullOrWhiteSpace(InstallPolicy))
            errors.Add($"{Section}:InstallPolicy must name a capsule egress policy (registries, or none to run no install step).");
        if (string.IsNullOrWhiteSpace(WorkDirectory) || !Path.IsPathRooted(WorkDirectory))
            errors.Add($"{Section}:WorkDirectory must be an absolute path (was '{WorkDirectory}').");
        if (Cpus <= 0)
            errors.Add($"{Section}:Cpus must be positive (was {Cpus}).");
        if (MemoryBytes < 16L << 20)
            errors.Add($"{Section}:MemoryBytes must be at least 16 MiB (was {MemoryBytes}).");
        if (Pids < 8)
            errors.Add($"{Section}:Pids must be at least 8 (was {Pids}).");
        if (StepSeconds < 1)
            errors.Add($"{Section}:StepSeconds must be at least 1 (was {StepSeconds}).");
        if (InstallStepSeconds < 1)
            errors.Add($"{Section}:InstallStepSeconds must be at least 1 (was {InstallStepSeconds}).");
        if (TotalSeconds < StepSeconds)
            errors.Add($"{Section}:TotalSeconds must be at least StepSeconds (was {TotalSeconds} < {StepSeconds}).");
        if (OutputBytes < 1024)
            errors.Add($"{Section}:OutputBytes must be at least 1 KiB (was {OutputBytes}).");
        if (TmpfsBytes < 1L << 20 || TmpfsBytes > MemoryBytes)
            errors.Add($"{Section}:TmpfsBytes must be between 1 MiB and MemoryBytes (was {TmpfsBytes}).");
        if (DiskBytes < 1L << 20)
            errors.Add($"{Section}:DiskBytes must be at least 1 MiB (was {DiskBytes}).");
        if (KeptOutputBytes < 0)
            errors.Add($"{Section}:KeptOutputBytes must not be negative (was {KeptOutputBytes}).");
        if (ServiceWaitSeconds < 1)
            errors.Add($"{Section}:ServiceWaitSeconds must be at least 1 (was {ServiceWaitSeconds}).");
        if (MaxApps < 1)
            errors.Add($"{Section}:MaxApps must be at least 1 (was {MaxApps}).");
        if (Repair is not null)
            errors.AddRange(Repair.Validate($"{Section}:Repair"));
        return errors;
    }
}
