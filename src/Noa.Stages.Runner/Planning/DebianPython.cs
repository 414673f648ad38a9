namespace Noa.Stages.Runner.Planning;

/// <summary>
/// Python requirements without a Python package index: when install steps cannot reach a pip index but can reach Debian's apt
/// (both as this host configures them), an install step of the Runner's own, after the folder's install step, maps requirements*.txt
/// and pyproject.toml's dependencies to Debian's <c>python3-*</c> packages and unpacks them into the workspace
/// (<c>Python/debian_python.py</c>, written to <c>.noa-runner/</c>); the steps after find them on <c>PYTHONPATH</c> and
/// <c>PATH</c>, pytest (python3-pytest) included. Its <c>debianPython</c> in runner.json lists what mapped, what did not and why.
/// </summary>
internal static class DebianPython
{
    public const string Script = "debian_python.py";
    public const string Marker = "NOA-DEBIAN-PYTHON ";

    /// <summary>The unpacked packages' root, inside the capsule.</summary>
    public const string Root = "/workspace/.noa-runner/pyroot";

    public static Candidate Candidate { get; } = new($"python3 /workspace/.noa-runner/{Script}", "runner", null, 0,
        "no Python package index is configured on this host, Debian's apt is: requirements mapped to Debian's python3-* packages");

    /// <summary>The same step when the folder's tests use pytest (<see cref="UsesPytest"/>): <c>--pytest</c> makes the script install it.</summary>
    public static Candidate PytestCandidate { get; } = Candidate with
    {
        Command = Candidate.Command + " --pytest",
        Why = Candidate.Why + ", and python3-pytest since the tests use pytest",
    };

    public static bool IsOwn(Candidate candidate) => candidate == Candidate || candidate == PytestCandidate;

    /// <summary>
    /// Whether the folder gets the Debian install step: a Python folder, no pip index, apt reachable, and something to install —
    /// requirements (requirements*.txt, pyproject.toml) or pytest itself, for tests that use it (a setup.py project with a tox.ini
    /// that runs pytest names no requirement, yet its tests need pytest).
    /// </summary>
    public static bool Applies(string folder, string? language, IReadOnlySet<string> files, IEnumerable<KgTask> tasks, Toolbox tools, InstallAccess access)
    {
        if (language != "python" || access.Reaches("pip") || !access.Reaches("apt") || !tools.Has("apt-get") || !tools.Has("python3"))
            return false;
        var prefix = folder.Length == 0 ? "" : folder + "/";
        return UsesPytest(folder, files, tasks) || files.Any(f => f.StartsWith(prefix, StringComparison.Ordinal) && f[prefix.Length..] is var rest
            && (rest == "pyproject.toml" || (rest.StartsWith("requirements", StringComparison.Ordinal) && rest.EndsWith(".txt", StringComparison.Ordinal))));
    }

    /// <summary>
    /// Whether the folder's tests are pytest's, so the install step installs python3-pytest: a conftest.py or pytest.ini, or a test
    /// command of the repository's own (tox.ini's commands, a CI job, a Makefile target) that runs pytest.
    /// </summary>
    public static bool UsesPytest(string folder, IReadOnlySet<string> files, IEnumerable<KgTask> tasks)
    {
        var prefix = folder.Length == 0 ? "" : folder + "/";
        return files.Any(f => f.StartsWith(prefix, StringComparison.Ordinal) && !f.Contains("node_modules/", StringComparison.Ordinal)
                   && Path.GetFileName(f) is "conftest.py" or "pytest.ini")
               || tasks.Any(t => t.Phase == "test" && t.Cwd == folder && CommandWords.Tool(t.Command) is ("pytest" or "py.test", _) or (_, "pytest"));
    }

    /// <summary>The script's text (embedded in this assembly).</summary>
    public static string Text()
    {
        using var stream = typeof(DebianPython).Assembly.GetManifestResourceStream(Script)
            ?? throw new InvalidOperationException($"{Script} is not embedded in the Runner's assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
