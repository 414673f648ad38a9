using Noa.Abstractions;
using Spectre.Console;

namespace Noa.Cli.Console;

/// <summary>The table printed when a run ends, and the exit code it maps to.</summary>
internal static class RunSummary
{
    public static void Write(RunRecord run, IReadOnlyList<StageAttempt> attempts, IReadOnlyList<string> stages, string bundle, int artifacts)
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
        AnsiConsole.MarkupLine($"Run {Markup.Escape(run.RunId)} {state}{(run.Reason is null ? "" : ": " + Markup.Escape(run.Reason))}");
        AnsiConsole.MarkupLine($"Bundle: {Markup.Escape(bundle)} ({artifacts} files)");
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
