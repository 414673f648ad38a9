using Noa.Stages.Runner.Results;

namespace Noa.Stages.Runner.Reporting;

/// <summary>One step of runner.json.</summary>
internal sealed record StepReport
{
    public required string Id { get; init; }

    /// <summary>install, build, test or smoke.</summary>
    public required string Phase { get; init; }

    /// <summary>The folder, relative to the root (<c>.</c> for the root).</summary>
    public required string Cwd { get; init; }

    /// <summary>passed, failed (exited non-zero), limit (a capsule limit ended it), not-run (see <see cref="Reason"/>).</summary>
    public required string Status { get; init; }

    /// <summary>The command that decided the status (the last one tried); null when none ran.</summary>
    public string? Command { get; init; }

    /// <summary>Where the command was read: <c>file:line</c>, or convention / runner.</summary>
    public string? Source { get; init; }

    /// <summary>Why this command.</summary>
    public string? Why { get; init; }

    /// <summary>How it ended: <c>exit 0</c>, <c>timeout: …</c>, <c>pids: …</c>.</summary>
    public string? Ending { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>The limit that ended it, named, with its value.</summary>
    public string? Limit { get; init; }

    public double Seconds { get; init; }

    public long PeakMemoryBytes { get; init; }

    public int PeakPids { get; init; }

    /// <summary>The end of its output.</summary>
    public string? Output { get; init; }

    /// <summary>Why it did not run, or what the plan tried instead.</summary>
    public string? Reason { get; init; }

    /// <summary>Every command tried, in order, with how it ended (a missing tool moves on to the next candidate).</summary>
    public List<TriedCommand> Tried { get; init; } = [];

    /// <summary>Commands the repository documents for this step that were left out before running, each with why.</summary>
    public List<string> Skipped { get; init; } = [];

    /// <summary>Tests this step reported.</summary>
    public TestCounts? Tests { get; init; }

    /// <summary>Where its per-test results came from: junit-xml, trx, go-test-json, tap, libtest, unittest, or a summary line (pytest-summary, …).</summary>
    public string? TestFormat { get; init; }

    /// <summary>Report files read, relative to the workspace.</summary>
    public List<string>? ReportFiles { get; init; }

    /// <summary>Whether the step failed, ran again, and the second run's result (flaky tests).</summary>
    public string? Rerun { get; init; }

    /// <summary>The capsule egress policy it ran under (install steps: the registries'; the others: none by default).</summary>
    public string? Policy { get; init; }

    /// <summary>Where the command that decided the step ran: an Env Synthesis image (its tag and id) or the host's toolchains, and why.</summary>
    public StepEnvironment? Environment { get; init; }

    /// <summary>For the Runner's Debian install of Python requirements: which requirements mapped to which python3-* package, which did not, and what was unpacked.</summary>
    public System.Text.Json.Nodes.JsonNode? DebianPython { get; init; }

    /// <summary>For the Runner's Debian install of Go modules or Rust crates (<c>golang-*-dev</c>, <c>librust-*-dev</c>): the same, with the ecosystem.</summary>
    public System.Text.Json.Nodes.JsonNode? DebianSource { get; init; }

    /// <summary>For a service smoke step: how the service started, or why it did not, and a live call that answered.</summary>
    public ServiceRun? Service { get; init; }

    /// <summary>What the policy agent let out and refused during the step, each destination once per outcome.</summary>
    public List<Noa.Abstractions.CapsuleEgress>? Egress { get; init; }
}

/// <summary>Where a step ran: <c>image</c> (an Env Synthesis build stage: tag and image id) or <c>host</c> (the host's toolchains), and why.</summary>
internal sealed record StepEnvironment(string Kind, string? Image, string? ImageId, string? Why)
{
    public static StepEnvironment Host(string? why) => new("host", null, null, why);

    public static StepEnvironment In(Execution.StepImage image) => new("image", image.Reference, image.Id, null);
}

/// <summary>One command tried for a step.</summary>
internal sealed record TriedCommand(string Command, string Source, string Ending, double Seconds);
