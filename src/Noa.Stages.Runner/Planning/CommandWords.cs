namespace Noa.Stages.Runner.Planning;

/// <summary>The tool a shell command runs, after the wrappers that only run another tool (<c>VAR=x</c>, <c>env</c>, <c>python -m</c>).</summary>
internal static class CommandWords
{
    /// <summary>(tool, python module or null): <c>python3 -m pytest -q</c> → (python3, pytest); <c>CI=1 npm test</c> → (npm, null).</summary>
    public static (string Tool, string? PythonModule) Tool(string command)
    {
        var words = command.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 0 && (words[0] is "env" or "time" or "exec" or "command" || (words[0].Contains('=', StringComparison.Ordinal) && char.IsLetter(words[0][0]))))
            words.RemoveAt(0);
        if (words.Count == 0)
            return ("", null);
        var tool = words[0];
        if (tool.StartsWith("./", StringComparison.Ordinal))
            return (tool, null);
        if (tool is "python" or "python3" && words.Count > 2 && words[1] == "-m")
            return (tool, words[2]);
        return (tool, null);
    }

    /// <summary>
    /// The command with every <c>python</c> word run as <c>python3</c> (<c>python -m pytest</c> → <c>python3 -m pytest</c>), or null when it
    /// runs no <c>python</c>: for a capsule whose host, like Debian's, has only <c>python3</c>.
    /// </summary>
    public static string? WithPython3(string command)
    {
        var words = command.Split(' ');
        if (!words.Contains("python"))
            return null;
        return string.Join(' ', words.Select(w => w == "python" ? "python3" : w));
    }

    /// <summary>
    /// Whether the command adds named packages (<c>npm install lodash</c>, <c>npm i -g serve</c>, <c>yarn add x</c>, <c>pnpm add x</c>) rather
    /// than installing what the folder's manifest names (<c>npm install</c>, <c>npm ci</c>, <c>npm install --no-audit</c>).
    /// </summary>
    public static bool AddsPackages(string command)
    {
        var words = command.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 2 && ((words[0] == "npm" && words[1] is "install" or "i" or "add") || (words[0] is "yarn" or "pnpm" && words[1] == "add"))
            && words.Skip(2).TakeWhile(w => w is not ("&&" or "||" or ";" or "|")).Any(w => !w.StartsWith('-'));
    }

    /// <summary>Whether the command asks for something the Runner never does in a capsule: watch modes, containers, privilege, publishing.</summary>
    public static string? Refused(string command)
    {
        var words = command.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w is "--watch" or "-w" or "watch" || w.EndsWith(":watch", StringComparison.Ordinal)))
            return "a watch mode never ends";
        if (words.Length > 0 && words[0] is "sudo" or "docker" or "docker-compose" or "podman" or "kubectl" or "helm")
            return $"{words[0]} is not run inside a capsule";
        if (words.Length > 1 && words[0] is "npm" or "pnpm" or "yarn" or "bun"
            && (words.Any(w => w is "-g" or "--global" or "--location=global") || (words[0] == "yarn" && words[1] == "global")))
            return "a global install puts a tool on the host's /usr, which a capsule has read-only; the folder's own install provides what its build and tests use";
        if (words.Any(w => w is "publish" or "deploy" or "release" or "upload"))
            return "publishing is not a build or a test";
        return null;
    }
}
