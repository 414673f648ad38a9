using Noa.Embeddings.Search;

namespace Noa.Cli.Search;

/// <summary>
/// <c>noa search</c>'s fast path: reads the common command lines (<c>search QUERY</c> with each option at most once, as
/// <c>--name value</c>) before System.CommandLine builds the verbs, which would cost a cold process about a third of its time.
/// Anything else (help, a syntax it does not take, a value it cannot read, a mistake) is left to the full parser
/// (<see cref="Commands.SearchCommand"/>), so errors are worded by it, as before. The options are the full parser's; a test
/// checks that both know the same names.
/// </summary>
internal static class SearchCommandLine
{
    /// <summary>Options that take a value, and what to do with it (null: a value the fast path does not read).</summary>
    private static readonly Dictionary<string, Func<SearchArguments, string, SearchArguments?>> Valued = new(StringComparer.Ordinal)
    {
        ["--limit"] = Limit,
        ["-k"] = Limit,
        ["--mode"] = (a, v) => FastCommandLine.Name<SearchMode>(v) is { } mode ? a with { Mode = mode } : null,
        ["--source"] = (a, v) => a with { Source = v },
        ["--run"] = (a, v) => a with { Run = v },
        ["--language"] = (a, v) => a with { Language = v },
        ["--path"] = (a, v) => a with { PathPrefix = v },
        ["--kind"] = (a, v) => a with { Kind = v },
        ["--scope"] = (a, v) => a with { Scope = v },
    };

    /// <summary>Flags (no value).</summary>
    private static readonly Dictionary<string, Func<SearchArguments, SearchArguments>> Flags = new(StringComparer.Ordinal)
    {
        ["--json"] = a => a with { Json = true },
    };

    /// <summary>Every option name the fast path reads (for the test that compares them with the full parser's).</summary>
    public static IEnumerable<string> Names => Valued.Keys.Concat(Flags.Keys).Concat(FastCommandLine.GlobalNames);

    /// <summary>The search asked for, or null when the full parser must read this command line.</summary>
    public static SearchArguments? TryParse(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || args[0] != "search"
            || !FastCommandLine.TryRead(args, 1, Valued.Keys, Flags.Keys, out var query, out var global, out var options)
            || query is null)
            return null;
        SearchArguments? arguments = new(query, global);
        foreach (var (name, value) in options)
        {
            arguments = value is null ? Flags[name](arguments) : Valued[name](arguments, value);
            if (arguments is null)
                return null;
        }
        return arguments;
    }

    /// <summary>Runs the search read by <see cref="TryParse"/>: its lines go out without Spectre.Console where they read the same (<see cref="SearchOutput"/>).</summary>
    public static Task<int> RunAsync(SearchArguments arguments) =>
        FastCommandLine.RunAsync("search", arguments.Global,
            () => SearchRun.RunAsync(arguments, Console.RedirectedOutput.SpectreWritesPlainText(), CancellationToken.None));

    private static SearchArguments? Limit(SearchArguments arguments, string value) =>
        FastCommandLine.Number(value) is { } k ? arguments with { K = k } : null;
}
