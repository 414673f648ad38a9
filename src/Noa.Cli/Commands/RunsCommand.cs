using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Noa.Abstractions;
using Spectre.Console;

namespace Noa.Cli.Commands;

/// <summary><c>noa runs list</c> and <c>noa runs show RUN</c>: read runs from the metadata store.</summary>
internal static class RunsCommand
{
    private static readonly Option<RunState?> State = new("--state") { Description = "Only runs in this state" };
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many runs", DefaultValueFactory = _ => 20 };
    private static readonly Argument<string> RunId = new("run") { Description = "Run id" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of tables (for scripts and agents)" };

    // Made on first use: the table (the common case) never pays for the JSON metadata.
    private static JsonSerializerOptions JsonOptions => field ??= new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            CliJson.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    public static Command Create()
    {
        var list = new Command("list", "List runs, newest first") { State, Limit, Json };
        list.SetAction(ListAsync);
        var show = new Command("show", "Show a run: state, stage attempts and artifacts") { RunId, Json };
        show.SetAction(ShowAsync);
        return new Command("runs", "Inspect runs") { list, show };
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var metadata = await OpenAsync(parse);
        if (metadata is null)
            return ExitCodes.BadInput;
        var runs = await metadata.Store
            .ListRunsAsync(new RunQuery(parse.GetValue(State), parse.GetValue(Limit)), cancellationToken);
        if (parse.GetValue(Json))
        {
            System.Console.WriteLine(JsonSerializer.Serialize(runs.Select(Shown).ToList(), JsonOptions));
            return ExitCodes.Success;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("run", "state", "created", "source", "reason");
        foreach (var run in runs)
        {
            table.AddRow(run.RunId, run.State.ToString().ToLowerInvariant(), run.CreatedAt.ToString("u"),
                Markup.Escape(run.Request.Source), Markup.Escape(run.Reason ?? ""));
        }
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }

    private static async Task<int> ShowAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var metadata = await OpenAsync(parse);
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
            System.Console.WriteLine(JsonSerializer.Serialize(new { run = Shown(run), attempts = attemptList, artifacts = artifactList }, JsonOptions));
            return ExitCodes.Success;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(run.RunId)}[/] {run.State.ToString().ToLowerInvariant()} — {Markup.Escape(run.Request.Source)}");
        AnsiConsole.MarkupLine($"created {run.CreatedAt:u}, updated {run.UpdatedAt:u}, by {Markup.Escape(run.Request.RequestedBy)}");
        if (run.Reason is not null)
            AnsiConsole.MarkupLine($"reason: {Markup.Escape(run.Reason)}");
        var stored = await store.GetAttemptsAsync(id, cancellationToken);
        if (UsableLine(run, stored) is { } usable)
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

    /// <summary>"usable since …; still running: …" for a run that got usable (null otherwise); what still runs while it is open.</summary>
    internal static string? UsableLine(RunRecord run, IReadOnlyList<StageAttempt> attempts)
    {
        if (run.UsableAt is not { } usable)
            return null;
        var line = $"usable since {usable:u} ({(usable - run.CreatedAt).TotalSeconds:0.0} s after it was created)";
        return run.State is RunState.Running or RunState.Queued ? $"{line}; {StillRunning(attempts)}" : line;
    }

    /// <summary>"still running: env, runner": the stages whose last attempt is open.</summary>
    internal static string StillRunning(IReadOnlyList<StageAttempt> attempts)
    {
        var open = attempts.GroupBy(a => a.Stage).Select(g => g.MaxBy(a => a.Attempt)!).Where(a => a.Status is null).Select(a => a.Stage).ToList();
        return $"still running: {(open.Count == 0 ? "the stages after the last one that ended" : string.Join(", ", open))}";
    }

    /// <summary>The metadata store, or null after saying which setting is wrong.</summary>
    private static async Task<MetadataReader?> OpenAsync(ParseResult parse)
    {
        try
        {
            return MetadataReader.Open(GlobalOptions.From(parse));
        }
        catch (Noa.Hosting.TargetResolutionException e)
        {
            await System.Console.Error.WriteLineAsync($"noa: {e.Message}");
            return null;
        }
    }

    // The sealed source stays in the store: it is for Intake, and shows nothing a reader needs.
    private static RunRecord Shown(RunRecord run) => run with { Request = run.Request with { SealedSource = null } };
}
