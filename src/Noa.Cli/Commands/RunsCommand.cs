using System.CommandLine;
using System.Text.Json;
using Noa.Abstractions;
using Spectre.Console;

namespace Noa.Cli.Commands;

/// <summary><c>noa runs list</c> and <c>noa runs show RUN</c>: read runs from the metadata store.</summary>
internal static class RunsCommand
{
    private static readonly Option<RunState?> State = new("--state") { Description = "Only runs in this state" };
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many runs", DefaultValueFactory = _ => RunsList.DefaultLimit };
    private static readonly Argument<string> RunId = new("run") { Description = "Run id" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of tables (for scripts and agents)" };

    public static Command Create()
    {
        var list = new Command("list", "List runs, newest first") { State, Limit, Json };
        list.SetAction(ListAsync);
        var show = new Command("show", "Show a run: state, stage attempts and artifacts") { RunId, Json };
        show.SetAction(ShowAsync);
        return new Command("runs", "Inspect runs") { list, show };
    }

    private static Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken) =>
        RunsList.ListAsync(new RunsList.Arguments(GlobalOptions.From(parse), parse.GetValue(State), parse.GetValue(Limit), parse.GetValue(Json)),
            cancellationToken);

    private static async Task<int> ShowAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var metadata = await RunsList.OpenAsync(GlobalOptions.From(parse));
        if (metadata is null)
            return ExitCodes.BadInput;
        var store = metadata.Store;
        var id = parse.GetValue(RunId)!;
        if (await store.GetRunAsync(id, cancellationToken) is not { } run)
        {
            await System.Console.Error.WriteLineAsync($"noa: no run '{id}'; see 'noa runs list'");
            return ExitCodes.BadInput;
        }
        if (parse.GetValue(Json))
        {
            var attemptList = await store.GetAttemptsAsync(id, cancellationToken);
            var artifactList = await store.GetArtifactsAsync(id, cancellationToken);
            System.Console.WriteLine(JsonSerializer.Serialize(new { run = RunsList.Shown(run), attempts = attemptList, artifacts = artifactList }, RunsList.JsonOptions));
            return ExitCodes.Success;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(run.RunId)}[/] {run.State.ToString().ToLowerInvariant()} — {Markup.Escape(run.Request.Source)}");
        AnsiConsole.MarkupLine($"created {run.CreatedAt:u}, updated {run.UpdatedAt:u}, by {Markup.Escape(run.Request.RequestedBy)}");
        if (run.Reason is not null)
            AnsiConsole.MarkupLine($"reason: {Markup.Escape(run.Reason)}");
        var stored = await store.GetAttemptsAsync(id, cancellationToken);
        if (RunsList.UsableLine(run, stored) is { } usable)
            AnsiConsole.MarkupLine(Markup.Escape(usable));

        var attempts = new Table().Border(TableBorder.Rounded).AddColumns("stage", "attempt", "status", "started", "ended", "summary");
        foreach (var a in stored)
        {
            attempts.AddRow(a.Stage, a.Attempt.ToString(), a.Status?.ToString().ToLowerInvariant() ?? "running",
                a.StartedAt.ToString("HH:mm:ss.fff"), a.EndedAt?.ToString("HH:mm:ss.fff") ?? "",
                Markup.Escape(a.Summary ?? (a.ErrorType is null ? a.Message ?? "" : $"{a.ErrorType}: {a.Message}")));
        }
        AnsiConsole.Write(attempts);

        var artifacts = new Table().Border(TableBorder.Rounded).AddColumns("path", "bytes", "sha256", "stage");
        foreach (var a in await store.GetArtifactsAsync(id, cancellationToken))
            artifacts.AddRow(Markup.Escape(a.Path), a.Size.ToString("N0"), a.Sha256[..12], a.Stage);
        AnsiConsole.Write(artifacts);
        return ExitCodes.Success;
    }
}
