using Noa.Stages.Runner.Planning;
using Noa.Stages.Runner.Repair;
using Noa.Stages.Runner.Reporting;
using Noa.Stages.Runner.Results;

namespace Noa.Stages.Runner.Execution;

/// <summary>
/// Runs a plan's steps in order, each candidate in its own capsule: a candidate whose tool is missing (exit 127, "No module
/// named …") gives way to the next; a test step that fails runs once more to tell flaky tests from failing ones; a step that
/// hits a limit is reported with the limit named and the next step still runs. Nothing runs after the total time budget. With a
/// repair loop (<c>Noa:Runner:Repair</c>), a step that still fails is offered to it before the next step runs.
/// </summary>
internal sealed class StepExecutor(CapsuleStepRunner runner, RunnerOptions options, TimeProvider time, StepImages images, RepairLoop? repair = null)
{
    public const string ReportFolder = ".noa-runner";

    public async Task<(List<StepReport> Steps, List<TestCase> Tests)> RunAsync(IReadOnlyList<PlannedStep> plan, string workspace, string runId,
        string tenant, CancellationToken cancellationToken)
    {
        var reports = new List<StepReport>();
        var tests = new List<TestCase>();
        var started = time.GetTimestamp();
        var budget = TimeSpan.FromSeconds(options.TotalSeconds);
        Directory.CreateDirectory(Path.Combine(workspace, ReportFolder));
        var failedBuild = new HashSet<string>(StringComparer.Ordinal);
        // Per folder: whether one of its install steps that ran passed, else how the last one ended. A build or test after an install
        // that failed would only fail for want of what it did not install (`jest: not found`): it is not run, and says why.
        var installs = new Dictionary<string, (bool Passed, string Ending)>(StringComparer.Ordinal);
        foreach (var step in plan)
        {
            if (step.NotRun is { } why)
            {
                reports.Add(NotRun(step, why));
                continue;
            }
            var left = budget - time.GetElapsedTime(started);
            if (left < TimeSpan.FromSeconds(1))
            {
                reports.Add(NotRun(step, $"the run's time budget ({options.TotalSeconds:0} s, Noa:Runner:TotalSeconds) was spent before this step"));
                continue;
            }
            if (step.Phase != "install" && installs.TryGetValue(step.Cwd, out var install) && !install.Passed)
            {
                reports.Add(NotRun(step, $"the install of this folder failed ({install.Ending}), so the dependencies its {step.Phase} needs are not there"));
                continue;
            }
            var wall = TimeSpan.FromSeconds(Math.Min(step.Phase == "install" ? options.InstallStepSeconds : options.StepSeconds, left.TotalSeconds));
            var (report, stepTests) = await RunStepAsync(step, workspace, wall, runId, tenant, cancellationToken).ConfigureAwait(false);
            if (repair is not null && report.Status == "failed" && report.Command is not null)
                (report, stepTests) = await RepairAsync(repair, step, report, stepTests, workspace, budget - time.GetElapsedTime(started), runId, tenant, cancellationToken)
                    .ConfigureAwait(false);
            if (step.Phase is "test" or "smoke" && failedBuild.Contains(step.Cwd) && report.Status != "passed")
                report = report with { Reason = (report.Reason is null ? "" : report.Reason + "; ") + "the build step of this folder failed before it" };
            if (step.Phase == "build" && report.Status != "passed")
                failedBuild.Add(step.Cwd);
            if (step.Phase == "install" && !(installs.TryGetValue(step.Cwd, out var before) && before.Passed))
                installs[step.Cwd] = (report.Status == "passed", $"{report.Id}: `{report.Command}` {report.Ending}");
            reports.Add(report);
            tests.AddRange(stepTests);
        }
        return (reports, tests);
    }

    private static StepReport NotRun(PlannedStep step, string why) => new()
    {
        Id = step.Id, Phase = step.Phase, Cwd = Show(step.Cwd), Status = "not-run", Reason = why, Skipped = [.. step.Skipped],
        Command = step.Candidates.FirstOrDefault()?.Command, Source = step.Candidates.FirstOrDefault()?.Where, Why = step.Candidates.FirstOrDefault()?.Why,
    };

    private async Task<(StepReport, List<TestCase>)> RunStepAsync(PlannedStep step, string workspace, TimeSpan wall, string runId, string tenant,
        CancellationToken cancellationToken)
    {
        var tried = new List<TriedCommand>();
        var egress = new List<Noa.Abstractions.CapsuleEgress>();
        var policy = PolicyOf(step.Phase);
        Attempt? attempt = null;
        Candidate? chosen = null;
        var since = DateTime.UtcNow.AddSeconds(-2);
        var n = 0;
        var image = images.For(step.Cwd);
        StepEnvironment? where = null;
        foreach (var candidate in step.Candidates)
        {
            n++;
            var (command, env) = Instrument(step, candidate.Command, n);
            since = DateTime.UtcNow.AddSeconds(-2);
            // The Runner's Debian installs read this host's apt lists and unpack into the workspace: they run where those lists are.
            where = image is null ? StepEnvironment.Host(images.HostReason(step.Cwd))
                : ReadsHostApt(candidate) ? StepEnvironment.Host("the Runner's Debian install reads this host's apt lists")
                : StepEnvironment.In(image);
            attempt = await runner.RunAsync(workspace, step.Cwd, command, env, policy, wall, runId, tenant, where.Kind == "image" ? image : null, cancellationToken)
                .ConfigureAwait(false);
            egress.AddRange(attempt.Egress);
            chosen = candidate;
            tried.Add(new TriedCommand(command, candidate.Where + (where.Kind == "image" ? $" (in {image!.Reference})" : ""), attempt.Ending, Math.Round(attempt.Seconds, 2)));
            if (where.Kind == "image" && attempt.ToolMissing)
            {
                // The image lacks the command's tool (a production-only layer, a tool the Dockerfile never installs): the host's toolchains.
                where = StepEnvironment.Host($"the image {image!.Reference} lacks its tool ({attempt.Ending}: {ToolLine(attempt.Output)})");
                since = DateTime.UtcNow.AddSeconds(-2);
                attempt = await runner.RunAsync(workspace, step.Cwd, command, env, policy, wall, runId, tenant, null, cancellationToken).ConfigureAwait(false);
                egress.AddRange(attempt.Egress);
                tried.Add(new TriedCommand(command, candidate.Where + " (host)", attempt.Ending, Math.Round(attempt.Seconds, 2)));
            }
            if (!attempt.NotFound && !(step.Phase == "install" && Unreachable(attempt, policy)))
                break;
        }
        var (tests, format, files) = step.Phase is "test" or "smoke" ? Collect(workspace, since, attempt!.Output) : ([], null, null);
        string? rerun = null;
        if (step.Phase is "test" or "smoke" && options.RerunFailures && attempt is { Succeeded: false, HitLimit: false, NotFound: false }
            && attempt.Termination == Noa.Abstractions.SandboxTermination.Exited)
        {
            var (command, env) = Instrument(step, chosen!.Command, n + 1);
            var again = await runner.RunAsync(workspace, step.Cwd, command, env, policy, wall, runId, tenant, where!.Kind == "image" ? image : null, cancellationToken)
                .ConfigureAwait(false);
            egress.AddRange(again.Egress);
            var (second, _, _) = Collect(workspace, DateTime.UtcNow.AddSeconds(-again.Seconds - 2), again.Output);
            tried.Add(new TriedCommand(command, chosen.Where + " (rerun)", again.Ending, Math.Round(again.Seconds, 2)));
            var passedAgain = second.Where(t => t.Status == TestCase.Passed).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            var flaky = tests.Count(t => t.Status == TestCase.Failed && passedAgain.Contains(t.Name));
            tests = [.. tests.Select(t => t.Status == TestCase.Failed && passedAgain.Contains(t.Name) ? t with { Status = TestCase.Flaky } : t)];
            rerun = again.Succeeded
                ? $"failed, then passed when run again ({again.Ending}): flaky; {flaky} test(s) flagged flaky"
                : $"failed again ({again.Ending}); {flaky} test(s) passed the second time and are flagged flaky";
            if (again.Succeeded && tests.All(t => t.Status != TestCase.Failed))
                attempt = attempt with { Termination = again.Termination, ExitCode = again.ExitCode };
        }
        var counts = tests.Count > 0 ? TestCounts.Of(tests) : format is not null && Summaries.Parse(attempt!.Output) is { } s ? s.Counts : null;
        var status = attempt!.Succeeded ? "passed" : attempt.HitLimit ? "limit" : "failed";
        var report = new StepReport
        {
            Id = step.Id, Phase = step.Phase, Cwd = Show(step.Cwd), Status = status, Command = attempt.Command, Source = chosen!.Where, Why = chosen.Why,
            Ending = attempt.Ending, ExitCode = attempt.ExitCode, Limit = attempt.HitLimit ? attempt.Limit ?? attempt.Termination.ToString().ToLowerInvariant() : null,
            Seconds = Math.Round(tried.Sum(t => t.Seconds), 2), PeakMemoryBytes = attempt.Usage.PeakMemoryBytes, PeakPids = attempt.Usage.PeakPids,
            Output = Tail(attempt.Output), Tried = tried, Skipped = [.. step.Skipped], Tests = counts, TestFormat = format, ReportFiles = files,
            Rerun = rerun,
            Environment = where,
            Policy = policy,
            DebianPython = step.Phase == "install" ? DebianMapping(attempt.Output, DebianPython.Marker) : null,
            DebianSource = step.Phase == "install" ? DebianSourceMapping(attempt.Output) : null,
            Service = step.Phase == "smoke" ? ServiceRun.Read(attempt.Output, Smoke.ServiceSmoke.Marker) : null,
            Egress = egress.Count == 0 ? null : [.. egress.DistinctBy(e => (e.Destination, e.Allowed))],
            Reason = Reason(tried, rerun is null ? 1 : 2, attempt.Output, policy, egress),
        };
        return (report, tests);
    }

    // The step as the repair loop's proposal ran it, when one made it pass; else the failed step, its repairs counted in reason.
    private async Task<(StepReport, List<TestCase>)> RepairAsync(RepairLoop loop, PlannedStep step, StepReport failed, List<TestCase> tests, string workspace,
        TimeSpan left, string runId, string tenant, CancellationToken cancellationToken)
    {
        if (left < TimeSpan.FromSeconds(1))
            return (failed, tests);
        var policy = PolicyOf(step.Phase);
        var wall = TimeSpan.FromSeconds(Math.Min(step.Phase == "install" ? options.InstallStepSeconds : options.StepSeconds, left.TotalSeconds));
        var first = loop.Attempts.Count;
        var network = policy == "none" ? "no network" : $"network only through the egress policy {policy}";
        var (_, environment) = Instrument(step, failed.Command!, 0);
        // A proposal runs where the failed step ran: in its image when it ran in one.
        var image = failed.Environment?.Kind == "image" ? images.For(step.Cwd) : null;
        // Report files the failed runs wrote are not the proposals' (a fast model answers within the usual 2 s of slack).
        var after = DateTime.UtcNow;
        var repaired = await loop.RepairAsync(step, failed, failed.Tests, network, environment, workspace, wall,
            (command, n, w, ct) => RunOnceAsync(step, command, 100 + n, w, policy, image, workspace, after, runId, tenant, ct), cancellationToken).ConfigureAwait(false);
        var asked = loop.Attempts.Count - first;
        if (repaired is not { Kept: { } proposal, Run: { } run })
        {
            var note = asked > 0 ? $"{asked} repair proposal(s) did not make it pass (repair in runner.json)" : loop.NotAsked;
            return (failed with
            {
                Tried = [.. failed.Tried, .. repaired.Tried], Seconds = Math.Round(failed.Seconds + repaired.Tried.Sum(t => t.Seconds), 2),
                Reason = note is null ? failed.Reason : (failed.Reason is null ? "" : failed.Reason + "; ") + note,
            }, tests);
        }
        var a = run.Attempt;
        return (failed with
        {
            Status = "passed", Command = a.Command, Source = $"repair ({loop.Report.Model})",
            Why = $"the plan's `{failed.Command}` ({failed.Source}) ended {failed.Ending}; the repair model proposed this: {proposal.Reason ?? "no reason given"}",
            Ending = a.Ending, ExitCode = a.ExitCode, Limit = null, Seconds = Math.Round(failed.Seconds + repaired.Tried.Sum(t => t.Seconds), 2),
            PeakMemoryBytes = a.Usage.PeakMemoryBytes, PeakPids = a.Usage.PeakPids, Output = Tail(a.Output), Tried = [.. failed.Tried, .. repaired.Tried],
            Tests = run.Counts, TestFormat = run.Format, ReportFiles = run.Files, Rerun = null,
            Egress = failed.Egress is null && a.Egress.Count == 0 ? null : [.. (failed.Egress ?? []).Concat(a.Egress).DistinctBy(e => (e.Destination, e.Allowed))],
            Reason = $"repaired after {asked} proposal(s): the plan's `{failed.Command}` ended {failed.Ending}",
        }, run.Tests);
    }

    // One command of a step in its capsule, its tests collected as a candidate's are.
    private async Task<StepRun> RunOnceAsync(PlannedStep step, string command, int n, TimeSpan wall, string policy, StepImage? image, string workspace, DateTime notBefore,
        string runId, string tenant, CancellationToken cancellationToken)
    {
        var (instrumented, env) = Instrument(step, command, n);
        var since = DateTime.UtcNow.AddSeconds(-2) is var slack && slack > notBefore ? slack : notBefore;
        var attempt = await runner.RunAsync(workspace, step.Cwd, instrumented, env, policy, wall, runId, tenant, image, cancellationToken).ConfigureAwait(false);
        var (tests, format, files) = step.Phase is "test" or "smoke" ? Collect(workspace, since, attempt.Output) : ([], null, null);
        var counts = tests.Count > 0 ? TestCounts.Of(tests) : format is not null && Summaries.Parse(attempt.Output) is { } s ? s.Counts : null;
        return new StepRun(attempt, tests, format, files, counts);
    }

    private static bool ReadsHostApt(Candidate candidate) => DebianPython.IsOwn(candidate) || DebianSource.All.Any(d => d.Candidate == candidate);

    // The line that names the missing tool (`sh: 1: pytest: not found`, `No module named pytest`).
    private static string ToolLine(string output) =>
        output.Split('\n').LastOrDefault(l => l.Contains("not found", StringComparison.Ordinal) || l.Contains("No module named", StringComparison.Ordinal))?.Trim() is { Length: > 0 } line
            ? (line.Length > 200 ? line[..200] : line) : "its tool is missing";

    // An install that failed for want of a route to its registry (a configured registry need not answer: Go's default proxy on a
    // host without it) gives way to the next candidate, as a missing tool does; Planning/DebianSource's scripts come after.
    private static bool Unreachable(Attempt attempt, string policy) =>
        attempt is { Succeeded: false, HitLimit: false } && Reason([], 1, attempt.Output, policy, [.. attempt.Egress]) is not null;

    // The Debian Go or Rust script's mapping, with its ecosystem.
    private static System.Text.Json.Nodes.JsonNode? DebianSourceMapping(string output)
    {
        foreach (var source in DebianSource.All)
            if (DebianMapping(output, source.Marker) is System.Text.Json.Nodes.JsonObject found)
            {
                found["ecosystem"] = source.Ecosystem;
                return found;
            }
        return null;
    }

    // The last line of a Debian install script (Planning/DebianPython, Planning/DebianSource): the mapping, as JSON.
    private static System.Text.Json.Nodes.JsonNode? DebianMapping(string output, string marker)
    {
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(marker, StringComparison.Ordinal));
        try
        {
            return line is null ? null : System.Text.Json.Nodes.JsonNode.Parse(line[marker.Length..]);
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // cut by the output limit
        }
    }

    /// <summary>Install steps reach the package registries (their own policy); build, test and smoke steps run under the other.</summary>
    public string PolicyOf(string phase) => phase == "install" ? options.InstallPolicy : options.Policy;

    // What the plan tried before the command that decided the step, the destinations its policy refused, and a network failure
    // seen in its output (a direct connection, which never reaches the policy agent, fails with no route).
    private static string? Reason(List<TriedCommand> tried, int last, string output, string policy, List<Noa.Abstractions.CapsuleEgress> egress)
    {
        var reasons = new List<string>();
        if (tried.Count > last)
            reasons.Add($"tried {string.Join(", then ", tried.Take(tried.Count - last).Select(t => $"`{t.Command}` ({t.Ending})"))} first: its tool or target is not here");
        var refused = egress.Where(e => !e.Allowed).Select(e => e.Destination).Distinct(StringComparer.Ordinal).ToList();
        if (refused.Count > 0)
            reasons.Add($"the egress policy {policy} refused {string.Join(", ", refused)}");
        else if (NetworkRefused.Any(m => output.Contains(m, StringComparison.Ordinal)))
            reasons.Add(policy == "none"
                ? "it tried to reach the network, and the capsule has none (egress policy none)"
                : $"it tried to reach the network around the policy agent (egress policy {policy}), or a host that did not answer");
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    private static readonly string[] NetworkRefused =
    [
        "Network is unreachable", "ENETUNREACH", "Temporary failure in name resolution", "getaddrinfo ENOTFOUND", "getaddrinfo EAI_AGAIN",
        "Could not resolve host", "Name or service not known", "403 Forbidden", "ECONNREFUSED",
    ];

    private static (List<TestCase> Tests, string? Format, List<string>? Files) Collect(string workspace, DateTime since, string output)
    {
        var (fromFiles, files, _) = ReportFiles.Read(workspace, since);
        if (fromFiles.Count > 0)
            return (fromFiles, files.Any(f => f.EndsWith(".trx", StringComparison.OrdinalIgnoreCase)) ? "trx" : "junit-xml", files);
        if (TextFormats.Parse(output) is { } parsed)
            return (parsed.Tests, parsed.Format, null);
        if (Summaries.Parse(output) is { } summary)
            return ([], summary.Tool + "-summary", null);
        return ([], null, null);
    }

    // Report files where the tool can write one without changing what it runs: pytest through PYTEST_ADDOPTS, dotnet test's
    // TRX logger, go test's JSON events.
    private static (string Command, IReadOnlyDictionary<string, string> Environment) Instrument(PlannedStep step, string command, int n)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (step.Phase is not ("test" or "smoke"))
            return (command, env);
        var report = $"{CapsuleStepRunner.Inside}/{ReportFolder}/{step.Id}-{n}";
        env["PYTEST_ADDOPTS"] = $"--junitxml={report}.xml -p no:cacheprovider";
        if (command.StartsWith("dotnet test", StringComparison.Ordinal) && !command.Contains("--logger", StringComparison.Ordinal))
            command += $" --logger trx --results-directory {report}";
        if (command.StartsWith("go test", StringComparison.Ordinal) && !command.Contains("-json", StringComparison.Ordinal))
            command = "go test -json" + command["go test".Length..];
        return (command, env);
    }

    private string? Tail(string output)
    {
        if (output.Length == 0)
            return null;
        var keep = options.KeptOutputBytes;
        return output.Length <= keep ? output : "…" + output[^keep..];
    }

    private static string Show(string cwd) => cwd.Length == 0 ? "." : cwd;
}
