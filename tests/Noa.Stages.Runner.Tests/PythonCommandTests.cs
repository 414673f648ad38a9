using System.Text.Json;
using Noa.Stages.Runner.Planning;

namespace Noa.Stages.Runner.Tests;

/// <summary>
/// How Python tests are run on a host like Debian's: a tests folder that is not a package (xmltodict: "Start directory is not
/// importable" under <c>-t .</c>), and a project's <c>python -m X</c> where only <c>python3</c> exists (sortedcontainers' tox.ini).
/// </summary>
public sealed class PythonCommandTests : IAsyncLifetime
{
    private RunnerPipeline _pipeline = null!;

    public ValueTask InitializeAsync()
    {
        _pipeline = new RunnerPipeline();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    private static Toolbox With(params string[] tools)
    {
        var bin = Directory.CreateTempSubdirectory("noa-runner-bin-").FullName;
        foreach (var t in tools)
            File.WriteAllText(Path.Combine(bin, t), "");
        return new Toolbox([bin], []);
    }

    private static JsonElement Test(JsonElement report) =>
        report.GetProperty("steps").EnumerateArray().Last(s => s.GetProperty("phase").GetString() == "test");

    private static (string, string)[] Project(bool package) =>
    [
        ("setup.py", "from setuptools import setup\nsetup(name='adder')\n"),
        ("adder.py", "def add(a, b):\n    return a + b\n"),
        ("tests/test_adder.py", "import unittest\nfrom adder import add\n\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(1, 2), 3)\n"),
        .. package ? new[] { ("tests/__init__.py", "") } : [],
    ];

    [Fact]
    public void UnittestDiscovery_FromTheRoot_OnlyWhenTheTestsFolderIsAPackage()
    {
        var plan = Planner.Create(new KgFacts([], [], []), null, new HashSet<string> { "setup.py", "tests/test_x.py" }, With("python3"), InstallAccess.Closed, maxApps: 3);
        Assert.Equal("python3 -m unittest discover -v -s tests", Assert.Single(plan.Steps, s => s.Phase == "test").Candidates[0].Command);

        // The control: a tests package is imported from the root, so its modules' relative imports resolve.
        var package = Planner.Create(new KgFacts([], [], []), null, new HashSet<string> { "setup.py", "tests/__init__.py", "tests/test_x.py" }, With("python3"), InstallAccess.Closed, maxApps: 3);
        Assert.Equal("python3 -m unittest discover -v -s tests -t .", Assert.Single(package.Steps, s => s.Phase == "test").Candidates[0].Command);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the control: a package
    public async Task TestsFolder_PackageOrNot_ItsTestsRun_AndPass(bool package)
    {
        var (_, report, _) = await _pipeline.RunAsync(_pipeline.Folder(Project(package)), o => o.InstallPolicy = "none");

        var test = Test(report);
        Assert.Equal("passed", test.GetProperty("status").GetString());
        Assert.Equal(1, report.GetProperty("levels").GetProperty("counts").GetProperty("total").GetInt32());
        Assert.True(report.GetProperty("levels").GetProperty("testsPassed").GetBoolean());
    }

    [Fact]
    public void ProjectsPython_RunsAsPython3_WhenTheCapsuleHasNoPython()
    {
        var kg = new KgFacts([new KgTask("test", "python -m unittest -v", "", "tox", "tox.ini", 9, null, null)], [], []);

        var plan = Planner.Create(kg, null, new HashSet<string> { "setup.py", "tox.ini" }, With("python3"), InstallAccess.Closed, maxApps: 3);

        var own = Assert.Single(plan.Steps, s => s.Phase == "test").Candidates[0];
        Assert.Equal("python3 -m unittest -v", own.Command);
        Assert.Equal("tox.ini:9", own.Where);
        Assert.Contains("run as python3", own.Why, StringComparison.Ordinal);

        // The control: where python exists, the command is the project's, word for word.
        var withPython = Planner.Create(kg, null, new HashSet<string> { "setup.py", "tox.ini" }, With("python", "python3"), InstallAccess.Closed, maxApps: 3);
        Assert.Equal("python -m unittest -v", Assert.Single(withPython.Steps, s => s.Phase == "test").Candidates[0].Command);
    }

    [Fact]
    public async Task ToxsPython_RunsOnThisHost()
    {
        if (File.Exists("/usr/bin/python"))
        {
            Requirement.Unmet("this host has /usr/bin/python: the case (only python3) does not arise here");
            return;
        }
        var folder = _pipeline.Folder([("tox.ini", "[testenv]\ncommands=python -m unittest -v test_adder\n"), ("adder.py", "def add(a, b):\n    return a + b\n"),
            ("test_adder.py", "import unittest\nfrom adder import add\n\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(1, 2), 3)\n")]);

        var (_, report, _) = await _pipeline.RunAsync(folder, o => o.InstallPolicy = "none");

        var test = Test(report);
        Assert.Equal("passed", test.GetProperty("status").GetString());
        Assert.Equal("python3 -m unittest -v test_adder", test.GetProperty("command").GetString());
        Assert.StartsWith("tox.ini:", test.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, report.GetProperty("levels").GetProperty("counts").GetProperty("total").GetInt32());
    }
}
