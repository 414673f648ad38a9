namespace Noa.Stages.Runner.Planning;

/// <summary>
/// Which tools a capsule on the host's root has: the host's <c>/usr</c> (and <c>/bin</c>, <c>/sbin</c>) read-only is all it sees,
/// so a tool installed under a home folder (pyenv, rustup) is not there. Python modules are looked up where Debian's
/// <c>/usr/bin/python3</c> finds them (its standard library and dist-packages).
/// </summary>
internal sealed class Toolbox(IReadOnlyList<string> binFolders, IReadOnlyList<string> pythonFolders, IReadOnlySet<string>? installedModules = null,
    IReadOnlySet<string>? installedTools = null)
{
    /// <summary>The same tools, and Python modules an install step of the plan puts on <c>PYTHONPATH</c> (Debian's python3-pytest).</summary>
    public Toolbox WithPythonModules(params string[] modules) => new(binFolders, pythonFolders, modules.ToHashSet(StringComparer.Ordinal), installedTools);

    /// <summary>The same, and tools an install step of the plan puts on PATH (a package manager from the npm registry).</summary>
    public Toolbox WithTools(params string[] tools) =>
        new(binFolders, pythonFolders, installedModules, tools.Concat(installedTools ?? new HashSet<string>()).ToHashSet(StringComparer.Ordinal));

    public static Toolbox Host { get; } = new(
        ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"],
        [.. new[] { "/usr/lib/python3/dist-packages", "/usr/local/lib/python3/dist-packages" }
            .Concat(Directory.Exists("/usr/lib") ? Directory.EnumerateDirectories("/usr/lib", "python3.*").Order(StringComparer.Ordinal) : [])]);

    public bool Has(string tool) => installedTools?.Contains(tool) == true
        || (tool.Length > 0 && !tool.Contains('/', StringComparison.Ordinal) && binFolders.Any(d => File.Exists(Path.Combine(d, tool))));

    // The standard library modules the Runner's own commands use: every python3 has them.
    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal) { "unittest", "compileall", "doctest" };

    public bool HasPythonModule(string module) =>
        Standard.Contains(module) || installedModules?.Contains(module) == true || pythonFolders.Any(d => Directory.Exists(Path.Combine(d, module)) || File.Exists(Path.Combine(d, module + ".py")));
}
