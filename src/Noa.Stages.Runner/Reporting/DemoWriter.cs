using System.Globalization;
using System.Text;
using Noa.Stages.Runner.Results;

namespace Noa.Stages.Runner.Reporting;

/// <summary>
/// <c>demo.md</c>: what a person needs to reproduce the run — the exact commands that worked (from the source's root), their
/// output trimmed, the tests, and what failed with what the plan tried instead.
/// </summary>
internal static class DemoWriter
{
    public const string BundlePath = "demo.md";
    private const int OutputLines = 25;

    public static string Write(RunnerReport report)
    {
        var md = new StringBuilder();
        var l = report.Levels;
        md.AppendLine("# Demo: building and testing the source").AppendLine();
        md.AppendLine(report.Summary).AppendLine();
        md.AppendLine("| level | result |").AppendLine("|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| built | {(l.Built is null ? "no build step ran" : l.Built.Value ? "yes" : "no")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| tests ran | {(l.TestsRan ? $"yes{(l.Smoke ? " (smoke tests: the source has none the Runner could run)" : "")}" : "no")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| tests passed | {(l.TestsPassed ? "yes" : "no")}: {l.Counts.Passed} passed, {l.Counts.Failed} failed, {l.Counts.Skipped} skipped, {l.Counts.Flaky} flaky of {l.Counts.Total} |");
        md.AppendLine();
        var e = report.Environment;
        md.AppendLine("## Environment").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{e.Why} Network: {e.Network} (egress policy `{e.Policy}`). Each step: {e.Limits.Cpus} CPU, {e.Limits.MemoryBytes >> 20} MiB memory, {e.Limits.Pids} processes, {e.Limits.StepSeconds:0} s; all steps {e.Limits.TotalSeconds:0} s.");
        md.AppendLine();

        var worked = report.Steps.Where(s => s.Status == "passed").ToList();
        md.AppendLine("## Commands that worked").AppendLine();
        if (worked.Count == 0)
            md.AppendLine("None.").AppendLine();
        else
        {
            md.AppendLine("From the source's root:").AppendLine().AppendLine("```sh");
            foreach (var s in worked)
                md.AppendLine(Reproduce(s, report.Images));
            md.AppendLine("```").AppendLine();
        }
        if (report.Smoke.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"The smoke tests are in the bundle ({string.Join(", ", report.Smoke.Select(p => $"`{p}`"))}); copy them to `.noa-runner/smoke/` in the source and run the command shown for their step.");
            md.AppendLine();
        }

        Repairs(md, report);

        foreach (var s in report.Steps.Where(s => s.Service is not null))
            Service(md, s.Cwd, s.Service!);

        md.AppendLine("## Steps").AppendLine();
        foreach (var s in report.Steps)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {s.Id}: {s.Phase} in `{s.Cwd}` — {s.Status}").AppendLine();
            if (s.Command is not null)
                md.AppendLine(CultureInfo.InvariantCulture, $"`{s.Command}` (from {s.Source}; {s.Why}){(s.Ending is null ? "" : $" → {s.Ending}, {s.Seconds:0.##} s")}").AppendLine();
            if (s.Environment is { } where && s.Status != "not-run")
                md.AppendLine(where.Kind == "image" ? $"Ran in `{where.Image}` ({where.ImageId})." : $"Ran on the host's toolchains{(where.Why is null ? "" : $": {where.Why}")}.").AppendLine();
            if (s.Limit is not null)
                md.AppendLine(CultureInfo.InvariantCulture, $"**Ended by a capsule limit: {s.Limit}.**").AppendLine();
            if (s.Reason is not null)
                md.AppendLine(CultureInfo.InvariantCulture, $"{(s.Status == "not-run" ? "Not run" : "Note")}: {s.Reason}.").AppendLine();
            if (s.Rerun is not null)
                md.AppendLine(CultureInfo.InvariantCulture, $"Rerun: {s.Rerun}.").AppendLine();
            if (s.Tests is { } t)
                md.AppendLine(CultureInfo.InvariantCulture, $"Tests ({s.TestFormat}): {t.Passed} passed, {t.Failed} failed, {t.Skipped} skipped, {t.Flaky} flaky of {t.Total}.").AppendLine();
            if (s.Skipped.Count > 0)
            {
                md.AppendLine("Left out before running:").AppendLine();
                foreach (var skipped in s.Skipped.Take(10))
                    md.AppendLine(CultureInfo.InvariantCulture, $"- {skipped}");
                md.AppendLine();
            }
            if (s.Output is { Length: > 0 } output)
            {
                var lines = output.TrimEnd().Split('\n');
                md.AppendLine("```text");
                if (lines.Length > OutputLines)
                    md.AppendLine(CultureInfo.InvariantCulture, $"… ({lines.Length - OutputLines} lines above)");
                foreach (var line in lines.TakeLast(OutputLines))
                    md.AppendLine(line.Replace("```", "'''", StringComparison.Ordinal));
                md.AppendLine("```").AppendLine();
            }
        }
        var failed = report.Tests.Where(t => t.Status is TestCase.Failed or TestCase.Flaky).Take(30).ToList();
        if (failed.Count > 0)
        {
            md.AppendLine("## Failed and flaky tests").AppendLine();
            foreach (var t in failed)
                md.AppendLine(CultureInfo.InvariantCulture, $"- {t.Status}: `{t.Name}`{(t.Message is null ? "" : $" — {t.Message}")}");
            md.AppendLine();
        }
        if (report.Notes.Count > 0)
        {
            md.AppendLine("## Notes").AppendLine();
            foreach (var n in report.Notes)
                md.AppendLine(CultureInfo.InvariantCulture, $"- {n}");
        }
        return md.ToString();
    }

    // The repairs the model proposed that were kept: the step, the plan's command that failed, and the command that worked.
    private static void Repairs(StringBuilder md, RunnerReport report)
    {
        if (report.Repair is not { } repair)
            return;
        var kept = repair.Attempts.Where(a => a.Outcome == Repair.RepairAttempt.Kept).ToList();
        md.AppendLine("## Repairs").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"The repair loop asked {repair.Model} ({repair.Endpoint}) {repair.Attempts.Count} time(s); {kept.Count} repair(s) kept, every attempt in runner.json's `repair`.");
        md.AppendLine();
        foreach (var a in kept)
        {
            var step = report.Steps.First(s => s.Id == a.Step);
            var failed = step.Tried.LastOrDefault(t => !t.Source.StartsWith("repair ", StringComparison.Ordinal) && !t.Source.EndsWith("(rerun)", StringComparison.Ordinal))?.Command;
            md.AppendLine(CultureInfo.InvariantCulture, $"- {a.Step} ({step.Phase} in `{step.Cwd}`): `{failed}` failed; the command that worked: `{a.Proposal}` — {a.Reason ?? "no reason given"} ({a.Why}).");
        }
        if (kept.Count > 0)
            md.AppendLine();
    }

    // A command as a person runs it from the source's root: in the app's build stage (rebuilt: the run's tag is gone) or on the host.
    private static string Reproduce(StepReport s, IReadOnlyList<Execution.StepImage> images) =>
        s.Environment is { Kind: "image" } where && images.FirstOrDefault(i => i.Reference == where.Image) is { } image ? image.Reproduce(s.Cwd, s.Command!)
        : s.Cwd == "." ? s.Command! : $"(cd {s.Cwd} && {s.Command})";

    // The service a smoke step started: the exact start command, and one call that answered as a person would repeat it.
    private static void Service(StringBuilder md, string cwd, ServiceRun run)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"## Service in `{cwd}`").AppendLine();
        var ran = run.Ran == run.Start ? "" : $" (the plan says `{run.Start}`; this host has no `python`, so `python3` ran it)";
        md.AppendLine(CultureInfo.InvariantCulture, $"Started with env/plan.json's start command{ran}, from the source's root:").AppendLine();
        md.AppendLine("```sh").AppendLine(cwd == "." ? run.Ran : $"(cd {cwd} && {run.Ran})").AppendLine("```").AppendLine();
        if (!run.Started)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**It did not start: {run.Reason}.**").AppendLine();
            if (run.Log is { Count: > 0 } log)
                Fenced(md.AppendLine("The end of its output:").AppendLine(), log);
            return;
        }
        md.AppendLine(CultureInfo.InvariantCulture, $"Port {run.Port} opened after {run.Seconds:0.##} s; {run.Called} endpoint(s) called, {run.Failed} failed (5xx or no answer).").AppendLine();
        if (run.Live is not { } live)
        {
            md.AppendLine("No endpoint answered.").AppendLine();
            return;
        }
        md.AppendLine("A live call that answered while it ran:").AppendLine();
        md.AppendLine("```sh").AppendLine(live.Curl).AppendLine("```").AppendLine();
        Fenced(md, [$"HTTP {live.Status}", .. live.Body.TrimEnd().Split('\n').Take(OutputLines)]);
    }

    private static void Fenced(StringBuilder md, IEnumerable<string> lines)
    {
        md.AppendLine("```text");
        foreach (var line in lines)
            md.AppendLine(line.Replace("```", "'''", StringComparison.Ordinal));
        md.AppendLine("```").AppendLine();
    }
}
