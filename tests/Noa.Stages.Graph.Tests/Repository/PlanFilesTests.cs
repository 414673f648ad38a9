using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Tests.Repository;

/// <summary>tox.ini, noxfile.py and azure-pipelines.yml as the Runner's plan sources: each command at its file and line.</summary>
public sealed class PlanFilesTests
{
    private static List<CommandLine> Read(params (string Path, string Text)[] files) =>
        CommandLines.Read(new RepoFiles(files.Select(f => f.Path), files.ToDictionary(f => f.Path, f => f.Text))).Lines;

    [Fact]
    public void Tox_CommandsOfEveryTestenv_PosargsDefaultsAndContinuations()
    {
        var lines = Read(("pkg/tox.ini",
            "[tox]\nenvlist = py3{10,11}, lint\n\n[testenv]\ndeps = pytest\ncommands =\n    pytest -q {posargs:tests}\n    - coverage report\n"
            + "setenv = X=1\n\n[testenv:lint]\ncommands = flake8 {toxinidir}/src\n\n[flake8]\ncommands = not-tox\n"));

        Assert.Equal([("pytest -q tests", 7, "testenv"), ("coverage report", 8, "testenv"), ("flake8 ./src", 12, "lint")],
            lines.Select(l => (l.Text, l.Line, l.Name!)).ToList());
        Assert.All(lines, l => Assert.Equal(("tox", "pkg"), (l.Source, l.Cwd)));
    }

    [Fact]
    public void Nox_RunAndInstallCalls_LiteralsOnly_NamedBySession()
    {
        var lines = Read(("noxfile.py",
            "import nox\n\n@nox.session(python=[\"3.11\"])\ndef tests(session):\n    session.install(\"-e\", \".[test]\")\n"
            + "    session.run(\n        \"pytest\",\n        \"-q\",\n        *session.posargs,\n    )\n\n@nox.session\ndef lint(session):\n"
            + "    session.run('ruff', 'check', 'src dir')\n    session.run(tool, 'x')\n"));

        Assert.Equal([("pip install -e .[test]", 5, "tests"), ("pytest -q", 6, "tests"), ("ruff check 'src dir'", 14, "lint")],
            lines.Select(l => (l.Text, l.Line, l.Name!)).ToList());
        Assert.All(lines, l => Assert.Equal("nox", l.Source));
    }

    [Fact]
    public void Azure_ScriptAndBashSteps_AtTheRootUnderJobsAndStages()
    {
        var lines = Read(("azure-pipelines.yml",
            "trigger:\n- main\nsteps:\n- script: npm ci\n  displayName: install\n"
            + "stages:\n- stage: Test\n  jobs:\n  - job: unit\n    steps:\n    - task: UsePythonVersion@0\n    - bash: |\n        cd api\n        pytest -q\n      workingDirectory: .\n"
            + "    - script: go test ./...\n      workingDirectory: svc\n"));

        Assert.Equal([("npm ci", "", "steps"), ("pytest -q", "api", "unit"), ("go test ./...", "svc", "unit")],
            lines.Select(l => (l.Text, l.Cwd, l.Name!)).ToList());
        Assert.Equal([4, 14, 16], lines.Select(l => l.Line));
        Assert.All(lines, l => Assert.Equal("ci", l.Source));
    }

    [Fact]
    public void BrokenFiles_AreProblems_OrNothing_NeverAThrow()
    {
        var (lines, problems) = CommandLines.Read(new RepoFiles(["azure-pipelines.yml", "tox.ini", "noxfile.py"], new Dictionary<string, string>
        {
            ["azure-pipelines.yml"] = "steps: [unclosed\n",
            ["tox.ini"] = "commands = pytest\n[testenv\n",
            ["noxfile.py"] = "session.run(\n",
        }));

        Assert.Empty(lines);
        Assert.Contains(problems, p => p.StartsWith("azure-pipelines.yml", StringComparison.Ordinal));
    }
}
