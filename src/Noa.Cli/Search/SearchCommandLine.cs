using System.Globalization;
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
        ["--mode"] = (a, v) => Mode(v) is { } mode ? a with { Mode = mode } : null,
        ["--source"] = (a, v) => a with { Source = v },
        ["--run"] = (a, v) => a with { Run = v },
        ["--language"] = (a, v) => a with { Language = v },
        ["--path"] = (a, v) => a with { PathPrefix = v },
        ["--kind"] = (a, v) => a with { Kind = v },
        ["--scope"] = (a, v) => a with { Scope = v },
        ["--home"] = (a, v) => a with { Global = a.Global with { Home = v } },
        ["--config"] = (a, v) => a with { Global = a.Global with { Config = v } },
    };

    /// <summary>Flags (no value).</summary>
    private static readonly Dictionary<string, Func<SearchArguments, SearchArguments>> Flags = new(StringComparer.Ordinal)
    {
        ["--json"] = a => a with { Json = true },
        ["--verbose"] = a => a with { Global = a.Global with { Verbose = true } },
        ["-v"] = a => a with { Global = a.Global with { Verbose = true } },
    };

    /// <summary>Every option name the fast path reads (for the test that compares them with the full parser's).</summary>
    public static IEnumerable<string> Names => Valued.Keys.Concat(Flags.Keys);

    /// <summary>The search asked for, or null when the full parser must read this command line.</summary>
    public static SearchArguments? TryParse(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || args[0] != "search")
            return null;
        string? query = null;
        var options = new List<(string Name, string? Value)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var token = args[i];
            if (Special(token))
                return null;
            if (!token.StartsWith('-'))
            {
                if (query is not null)
                    return null; // a second query: the full parser says so
                query = token;
                continue;
            }
            if (!seen.Add(Canonical(token)))
                return null; // an option given twice
            if (Flags.ContainsKey(token))
            {
                // System.CommandLine would read a following true/false as the flag's value.
                if (i + 1 < args.Count && bool.TryParse(args[i + 1], out _))
                    return null;
                options.Add((token, null));
            }
            else if (Valued.ContainsKey(token) && i + 1 < args.Count && !Special(args[i + 1]) && !args[i + 1].StartsWith('-'))
                options.Add((token, args[++i]));
            else
                return null; // an unknown option, another syntax (--limit=5), or a missing value
        }
        if (query is null)
            return null;
        SearchArguments? arguments = new(query, new GlobalOptions(null, null, false));
        foreach (var (name, value) in options)
        {
            arguments = value is null ? Flags[name](arguments) : Valued[name](arguments, value);
            if (arguments is null)
                return null;
        }
        return arguments;
    }

    /// <summary>
    /// Runs the search read by <see cref="TryParse"/>: its lines go out without Spectre.Console where they read the same
    /// (<see cref="SearchOutput"/>), and an unexpected exception is reported as System.CommandLine reports one (exit 1).
    /// </summary>
    public static async Task<int> RunAsync(SearchArguments arguments)
    {
        try
        {
            if (arguments.Global.Verbose)
                await System.Console.Error.WriteLineAsync("noa: command line read by the search fast path");
            return await SearchRun.RunAsync(arguments, SearchOutput.SpectreWritesPlainText(), CancellationToken.None);
        }
        catch (Exception e)
        {
            await System.Console.Error.WriteLineAsync($"Unhandled exception: {e}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Tokens System.CommandLine gives a meaning of its own: help, response files, the end of options, directives.</summary>
    private static bool Special(string token) =>
        token is "-h" or "--help" or "-?" or "/h" or "/?" or "--" || token.StartsWith('@') || token.StartsWith('[');

    private static string Canonical(string name) => name switch
    {
        "-k" => "--limit",
        "-v" => "--verbose",
        _ => name,
    };

    private static SearchArguments? Limit(SearchArguments arguments, string value) =>
        value.Length > 0 && value.All(char.IsAsciiDigit) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            ? arguments with { K = k }
            : null;

    /// <summary>A mode by its name in any case (as System.CommandLine reads enums); null for anything else, numbers too.</summary>
    private static SearchMode? Mode(string value)
    {
        foreach (var mode in Enum.GetValues<SearchMode>())
        {
            if (mode.ToString().Equals(value, StringComparison.OrdinalIgnoreCase))
                return mode;
        }
        return null;
    }
}
