using System.Text.Json;
using System.Text.Json.Serialization;
using Noa.Stages.Runner.Results;

namespace Noa.Stages.Runner.Reporting;

/// <summary>
/// <c>runner.json</c> (schema <c>schemas/runner.schema.json</c>): the three levels — built, tests ran, tests passed, with
/// counts — the environment used and why, every planned step with its source, command, exit, limit, duration and output's
/// end, and every test with its status.
/// </summary>
internal sealed record RunnerReport
{
    public const string BundlePath = "runner.json";
    public const int CurrentVersion = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public int Version { get; init; } = CurrentVersion;

    /// <summary>One line for people.</summary>
    public required string Summary { get; init; }

    public required Levels Levels { get; init; }

    public required RunnerEnvironment Environment { get; init; }

    public required List<StepReport> Steps { get; init; }

    public required List<TestCase> Tests { get; init; }

    /// <summary>Smoke test files written to the bundle (<c>runner/smoke/…</c>), when the source had no test to run.</summary>
    public required List<string> Smoke { get; init; }

    /// <summary>What the plan could not do and why.</summary>
    public required List<string> Notes { get; init; }

    /// <summary>The repair loop's model and every attempt; absent when <c>Noa:Runner:Repair</c> is off.</summary>
    public Repair.RepairReport? Repair { get; init; }
    /// <summary>The Env Synthesis images steps ran in (for demo.md's commands; runner.json has each step's environment).</summary>
    [JsonIgnore]
    public IReadOnlyList<Execution.StepImage> Images { get; init; } = [];
}

/// <summary>The three levels, each on its own.</summary>
/// <param name="Built">Whether every build step that ran succeeded (true also when the source needs no build and compiled or
/// byte-compiled cleanly); null when no build step ran.</param>
/// <param name="TestsRan">Whether a test step ran to its end and reported tests (smoke tests count when there was no test suite).</param>
/// <param name="TestsPassed">Whether tests ran and none failed (flaky ones, failed once and passed on the rerun, do not fail it).</param>
/// <param name="Counts">Tests in all.</param>
/// <param name="Smoke">Whether the tests that ran are the Runner's smoke tests rather than the source's own.</param>
internal sealed record Levels(bool? Built, bool TestsRan, bool TestsPassed, TestCounts Counts, bool Smoke);

/// <summary>Where the steps ran, and why there.</summary>
/// <param name="Kind">host-toolchains (the host's read-only /usr in a capsule) or image (an app's steps ran in the build stage Env Synthesis kept).</param>
/// <param name="Image">The images, <c>tag@id</c>, for kind image.</param>
/// <param name="Policy">The capsule egress policy of build, test and smoke steps (none: no network).</param>
/// <param name="Network">none, or allowlist (through the policy agent), for build, test and smoke steps.</param>
/// <param name="InstallPolicy">The capsule egress policy of install steps.</param>
/// <param name="Registries">The package registries install steps may reach (the registries policy's), as this host configures them.</param>
/// <param name="Limits">Each step's limits.</param>
/// <param name="Why">For people: why this environment.</param>
/// <param name="Inputs">The artifacts the plan read.</param>
internal sealed record RunnerEnvironment(string Kind, string? Image, string Policy, string Network, string InstallPolicy, List<RegistryReport> Registries,
    LimitsReport Limits, string Why, List<string> Inputs);

/// <summary>A package registry install steps may reach: as configured on this host, where it was read, and the destination allowed.</summary>
internal sealed record RegistryReport(string Ecosystem, string Url, string Destination, string Where);

/// <summary>Each step's limits as configured.</summary>
internal sealed record LimitsReport(double Cpus, long MemoryBytes, int Pids, double StepSeconds, double InstallStepSeconds, double TotalSeconds, long OutputBytes, long TmpfsBytes, long DiskBytes);
