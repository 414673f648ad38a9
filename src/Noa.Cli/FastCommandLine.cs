using System.Globalization;

namespace Noa.Cli;

/// <summary>
/// The command-line syntax the fast paths in Program.cs read before System.CommandLine builds the verbs (which costs a cold
/// process a third of its time or more): after the verb's words, at most one argument and options each given once, as
/// <c>--name value</c> or a flag. Anything else (help, <c>--name=value</c>, an unknown or repeated option, a flag with an
/// explicit value, a missing value, response files, directives, <c>--</c>) is refused, so the full parser reads it and words
/// its errors as before. Each fast path checks the values it reads and refuses what it cannot read the same way.
/// </summary>
internal static class FastCommandLine
{
    /// <summary>The global options (<see cref="GlobalOptions"/>), which every verb takes.</summary>
    private static readonly string[] GlobalValued = ["--home", "--config"];
    private static readonly string[] GlobalFlags = ["--verbose", "-v"];

    /// <summary>
    /// Reads <paramref name="args"/> from <paramref name="start"/>: the argument (null when none), the global options and the
    /// verb's own in order (a flag's value null). False when the full parser must read this command line.
    /// </summary>
    public static bool TryRead(IReadOnlyList<string> args, int start, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags,
        out string? argument, out GlobalOptions global, out List<(string Name, string? Value)> options)
    {
        argument = null;
        global = new GlobalOptions(null, null, false);
        options = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = start; i < args.Count; i++)
        {
            var token = args[i];
            if (Special(token))
                return false;
            if (!token.StartsWith('-'))
            {
                if (argument is not null)
                    return false; // a second argument: the full parser says so
                argument = token;
                continue;
            }
            if (!seen.Add(Canonical(token)))
                return false; // an option given twice
            var isFlag = flags.Contains(token) || GlobalFlags.Contains(token);
            if (isFlag)
            {
                // System.CommandLine would read a following true/false as the flag's value.
                if (i + 1 < args.Count && bool.TryParse(args[i + 1], out _))
                    return false;
                if (GlobalFlags.Contains(token))
                    global = global with { Verbose = true };
                else
                    options.Add((token, null));
            }
            else if ((valued.Contains(token) || GlobalValued.Contains(token)) && i + 1 < args.Count && !Special(args[i + 1]) && !args[i + 1].StartsWith('-'))
            {
                var value = args[++i];
                global = token switch
                {
                    "--home" => global with { Home = value },
                    "--config" => global with { Config = value },
                    _ => global,
                };
                if (!GlobalValued.Contains(token))
                    options.Add((token, value));
            }
            else
                return false; // an unknown option, another syntax (--limit=5), or a missing value
        }
        return true;
    }

    /// <summary>Every global option name the fast paths read (for the tests that compare them with the full parser's).</summary>
    public static IEnumerable<string> GlobalNames => GlobalValued.Concat(GlobalFlags);

    /// <summary>
    /// Runs what a fast path read: with <c>--verbose</c> it says so first (the tests tell the paths apart by it), and an
    /// unexpected exception is reported as System.CommandLine reports one (exit 1).
    /// </summary>
    public static async Task<int> RunAsync(string path, GlobalOptions global, Func<Task<int>> run)
    {
        try
        {
            if (global.Verbose)
                await System.Console.Error.WriteLineAsync($"noa: command line read by the {path} fast path");
            return await run();
        }
        catch (Exception e)
        {
            await System.Console.Error.WriteLineAsync($"Unhandled exception: {e}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>A number as System.CommandLine reads an int, digits only (null for a sign, spaces or anything else).</summary>
    public static int? Number(string value) =>
        value.Length > 0 && value.All(char.IsAsciiDigit) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    /// <summary>An enum value by its name in any case (as System.CommandLine reads enums); null for anything else, numbers too.</summary>
    public static T? Name<T>(string value) where T : struct, Enum
    {
        foreach (var item in Enum.GetValues<T>())
        {
            if (item.ToString().Equals(value, StringComparison.OrdinalIgnoreCase))
                return item;
        }
        return null;
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
}
