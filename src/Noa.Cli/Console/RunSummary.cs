using Noa.Abstractions;
using Spectre.Console;

namespace Noa.Cli.Console;

/// <summary>The table printed when a run ends, and the exit code it maps to.</summary>
internal static class RunSummary
{
    public static void Write(RunRecord run, IReadOnlyList<StageAttempt> attempts, IReadOnlyList<string> stages, string bundle, int artifacts,
        int? sourceFiles = null)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"run {run.RunId}")
            .AddColumns("stage", "status", "attempts", "time", "summary");
        foreach (var stage in stages)
        {
            var mine = attempts.Where(a => a.Stage == stage).OrderBy(a => a.Attempt).ToArray();
            if (mine.Length == 0)
            {
                table.AddRow(stage, "[grey]not run[/]", "", "", "");
                continue;
            }
            var last = mine[^1];
            var time = last.EndedAt is { } end ? StageLine.Format(end - mine[0].StartedAt) : "";
            table.AddRow(stage, Status(last.Status), mine.Length.ToString(), time,
                Markup.Escape(last.Summary ?? last.Message ?? ""));
        }
        AnsiConsole.Write(table);

        var state = run.State switch
        {
            RunState.Succeeded => "[green]succeeded[/]",
            RunState.Blocked => "[red]blocked[/]",
            RunState.Failed => "[red]failed[/]",
            RunState.Cancelled => "[yellow]cancelled[/]",
            _ => "[yellow]running[/]",
        };
        // The reason once: when a stage's line above already says it, the run's line does not repeat it.
        var reason = run.Reason is null || attempts.Any(a => a.Summary == run.Reason || a.Message == run.Reason) ? "" : ": " + Markup.Escape(run.Reason);
        AnsiConsole.MarkupLine($"Run {Markup.Escape(run.RunId)} {state}{reason}");
        if (run.UsableAt is { } usable)
            AnsiConsole.MarkupLine($"Usable after {(usable - run.CreatedAt).TotalSeconds:0.0} s (search, graph, card, verdict), ended after {(run.UpdatedAt - run.CreatedAt).TotalSeconds:0.0} s");
        if (sourceFiles == 0)
            AnsiConsole.MarkupLine("[yellow]The source holds no files: nothing was digested.[/]");
        AnsiConsole.MarkupLine(artifacts > 0
            ? $"Bundle: {Markup.Escape(bundle)} ({artifacts} {(artifacts == 1 ? "file" : "files")})"
            : "No bundle: the run wrote no artifacts.");
    }

    public static int ExitCode(RunRecord run, IReadOnlyList<StageAttempt> attempts) => run.State switch
    {
        RunState.Succeeded => ExitCodes.Success,
        RunState.Blocked => ExitCodes.Blocked,
        RunState.Failed when attempts.Any(a => a.ErrorType == StageFailure.BadInput) => ExitCodes.BadInput,
        _ => ExitCodes.Failure,
    };


    private static string Status(StageStatus? status) => status switch
    {
        StageStatus.Succeeded => "[green]succeeded[/]",
        StageStatus.GateFailed => "[red]gate failed[/]",
        StageStatus.Failed => "[red]failed[/]",
        StageStatus.Skipped => "[grey]skipped[/]",
        _ => "[yellow]running[/]",
    };
}
