namespace Noa.Stages.Runner.Planning;

/// <summary>
/// The solution or project a folder's <c>dotnet restore</c>, <c>build</c> and <c>test</c> name. MSBuild refuses a bare command in a
/// folder that holds more than one project or solution file (MSB1011: a <c>.sln</c> next to its <c>.slnx</c>, a solution next to
/// a project), so each of them names the one the folder's test step uses: the file its documented test (else build) command
/// names, else the folder's solution (the <c>.slnx</c> before the <c>.sln</c>, as the Graph's convention picks it).
/// </summary>
internal static class DotnetTarget
{
    private static readonly string[] Solutions = [".slnx", ".sln"];
    private static readonly string[] Projects = [".csproj", ".fsproj", ".vbproj", ".proj"];
    private static readonly string[] Verbs = ["restore", "build", "test"];

    // dotnet options that take the next word as their value, so that word is not a project.
    private static readonly HashSet<string> Valued = new(StringComparer.Ordinal)
    {
        "-c", "--configuration", "-f", "--framework", "-r", "--runtime", "-o", "--output", "-v", "--verbosity", "-l", "--logger",
        "--filter", "--results-directory", "-s", "--settings", "--source", "-a", "--arch", "--os", "--property", "-p", "--collect",
        "-d", "--diag", "--blame-hang-timeout", "--blame-crash-dump-type", "--packages", "--configfile", "--test-adapter-path", "-e", "--environment",
    };

    /// <summary>The file to name in <paramref name="folder"/> (relative to it), or null when a bare command finds its one file.</summary>
    public static string? Of(string folder, IEnumerable<KgTask> tasks, IReadOnlySet<string> files)
    {
        var here = files.Where(f => Path.GetDirectoryName(f)?.Replace('\\', '/') == folder || (folder.Length == 0 && !f.Contains('/', StringComparison.Ordinal)))
            .Select(Path.GetFileName).OfType<string>()
            .Where(f => Solutions.Concat(Projects).Any(e => f.EndsWith(e, StringComparison.Ordinal))).ToList();
        if (here.Count < 2)
            return null;
        foreach (var phase in new[] { "test", "build" })
            foreach (var task in tasks.Where(t => t.Phase == phase && t.Cwd == folder).OrderBy(t => Planner.OriginRank(t.Source)))
                if (Named(task.Command) is { } named)
                    return named;
        return Solutions.Select(e => here.Where(f => f.EndsWith(e, StringComparison.Ordinal)).Order(StringComparer.Ordinal).LastOrDefault())
            .FirstOrDefault(f => f is not null);
    }

    /// <summary>The command naming <paramref name="target"/> when it is a bare <c>dotnet restore|build|test</c>; else as it was.</summary>
    public static string Name(string command, string? target)
    {
        if (target is null || !IsVerb(command, out var words) || Positional(words) is not null)
            return command;
        return $"{string.Join(' ', words.Take(2))} {target}{(words.Count > 2 ? " " + string.Join(' ', words.Skip(2)) : "")}";
    }

    // The project or solution a dotnet restore|build|test command names, when it names one by its file.
    private static string? Named(string command) =>
        IsVerb(command, out var words) && Positional(words) is { } p && Solutions.Concat(Projects).Any(e => p.EndsWith(e, StringComparison.Ordinal)) ? p : null;

    private static bool IsVerb(string command, out List<string> words)
    {
        words = [.. command.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)];
        return words.Count >= 2 && words[0] == "dotnet" && Verbs.Contains(words[1]);
    }

    // The first word after the verb that is neither an option nor an option's value: the project, solution or folder.
    private static string? Positional(List<string> words)
    {
        for (var i = 2; i < words.Count; i++)
        {
            if (words[i] is "&&" or "||" or ";" or "|")
                return null;
            if (words[i].StartsWith('-'))
            {
                if (Valued.Contains(words[i]))
                    i++;
                continue;
            }
            return words[i];
        }
        return null;
    }
}
