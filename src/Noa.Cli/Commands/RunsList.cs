using System.Text.Json;
using System.Text.Json.Serialization;
using Noa.Abstractions;
using Spectre.Console;

namespace Noa.Cli.Commands;

/// <summary>
/// <c>noa runs list</c>, and what <c>noa runs show</c> and <c>noa search</c> share with it, without System.CommandLine's types:
/// a plain <c>runs list [--state S] [--limit N] [--json]</c> is read by <see cref="TryParse"/> before the verbs are built
/// (<see cref="FastCommandLine"/>); anything else goes to <see cref="RunsCommand"/>, which calls the same <see cref="ListAsync"/>.
/// </summary>
internal static class RunsList
{
    public const int DefaultLimit = 20;

    /// <summary>What <c>runs list</c> was asked, however its command line was read.</summary>
    public sealed record Arguments(GlobalOptions Global, RunState? State, int Limit, bool Json);

    private static readonly string[] Valued = ["--state", "--limit"];
    private static readonly string[] Flags = ["--json"];

    /// <summary>Every option name the fast path reads (for the test that compares them with the full parser's).</summary>
    public static IEnumerable<string> Names => Valued.Concat(Flags).Concat(FastCommandLine.GlobalNames);

    // Made on first use: the table (the common case) never pays for the JSON metadata.
    public static JsonSerializerOptions JsonOptions => field ??= new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            CliJson.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    /// <summary>The listing asked for, or null when the full parser must read this command line.</summary>
    public static Arguments? TryParse(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || args[0] != "runs" || args[1] != "list"
            || !FastCommandLine.TryRead(args, 2, Valued, Flags, out var argument, out var global, out var options)
            || argument is not null)
            return null;
        var arguments = new Arguments(global, null, DefaultLimit, false);
        foreach (var (name, value) in options)
        {
            switch (name)
            {
                case "--json":
                    arguments = arguments with { Json = true };
                    break;
                case "--limit" when FastCommandLine.Number(value!) is { } limit:
                    arguments = arguments with { Limit = limit };
                    break;
                case "--state" when FastCommandLine.Name<RunState>(value!) is { } state:
                    arguments = arguments with { State = state };
                    break;
                default:
                    return null; // a value the fast path does not read
            }
        }
        return arguments;
    }

    /// <summary>The runs, newest first: a table, or JSON with <c>--json</c>.</summary>
    public static async Task<int> ListAsync(Arguments arguments, CancellationToken cancellationToken)
    {
        using var metadata = await OpenAsync(arguments.Global);
        if (metadata is null)
            return ExitCodes.BadInput;
        var runs = await metadata.Store.ListRunsAsync(new RunQuery(arguments.State, arguments.Limit), cancellationToken);
        if (arguments.Json)
        {
            System.Console.WriteLine(JsonSerializer.Serialize(runs.Select(Shown).ToList(), JsonOptions));
            return ExitCodes.Success;
        }
        var rows = new List<string[]>(runs.Count);
        foreach (var run in runs)
            rows.Add([run.RunId, run.State.ToString().ToLowerInvariant(), run.CreatedAt.ToString("u"), run.Request.Source, run.Reason ?? ""]);
        if (Console.RedirectedOutput.SpectreWritesPlainText() && Console.PlainTable.TryFormat(Columns, rows) is { } text)
            System.Console.Out.Write(text);
        else
        {
            Console.RedirectedOutput.ConfigureSpectre();
            AnsiConsole.Write(SpectreTable(rows));
        }
        return ExitCodes.Success;
    }

    /// <summary>The table's columns.</summary>
    internal static readonly string[] Columns = ["run", "state", "created", "source", "reason"];

    /// <summary>The table as Spectre.Console lays it out (what <see cref="Console.PlainTable"/> does not write).</summary>
    internal static Table SpectreTable(IReadOnlyList<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns(Columns);
        foreach (var row in rows)
            table.AddRow(Array.ConvertAll(row, Markup.Escape));
        return table;
    }

    /// <summary>The metadata store, or null after saying which setting is wrong.</summary>
    public static async Task<MetadataReader?> OpenAsync(GlobalOptions global)
    {
        try
        {
            return MetadataReader.Open(global);
        }
        catch (Noa.Hosting.TargetResolutionException e)
        {
            await System.Console.Error.WriteLineAsync($"noa: {e.Message}");
            return null;
        }
    }

    /// <summary>"usable since …; still running: …" for a run that got usable (null otherwise); what still runs while it is open.</summary>
    public static string? UsableLine(RunRecord run, IReadOnlyList<StageAttempt> attempts)
    {
        if (run.UsableAt is not { } usable)
            return null;
        var line = $"usable since {usable:u} ({(usable - run.CreatedAt).TotalSeconds:0.0} s after it was created)";
        return run.State is RunState.Running or RunState.Queued ? $"{line}; {StillRunning(attempts)}" : line;
    }

    /// <summary>"still running: env, runner": the stages whose last attempt is open.</summary>
    public static string StillRunning(IReadOnlyList<StageAttempt> attempts)
    {
        var open = attempts.GroupBy(a => a.Stage).Select(g => g.MaxBy(a => a.Attempt)!).Where(a => a.Status is null).Select(a => a.Stage).ToList();
        return $"still running: {(open.Count == 0 ? "the stages after the last one that ended" : string.Join(", ", open))}";
    }

    // The sealed source stays in the store: it is for Intake, and shows nothing a reader needs.
    public static RunRecord Shown(RunRecord run) => run with { Request = run.Request with { SealedSource = null } };
}
