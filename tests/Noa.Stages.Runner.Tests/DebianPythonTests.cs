using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Stages.Runner.Tests;

/// <summary>
/// Python requirements without a Python package index: on a host configured for Debian's apt and for no pip index, the
/// Runner maps requirements to Debian's python3-* packages, unpacks them in the install step's capsule (through the policy
/// agent), and the tests run with pytest from python3-pytest. runner.json says which requirements mapped and which did not.
/// </summary>
public sealed class DebianPythonTests : IAsyncLifetime
{
    private RunnerPipeline _pipeline = null!;

    public ValueTask InitializeAsync()
    {
        _pipeline = new RunnerPipeline();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    private static JsonElement Step(JsonElement report, string phase) =>
        report.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("phase").GetString() == phase);

    [Fact]
    public async Task Requirements_MapToDebianPackages_AndPytestRunsTheSuite()
    {
        var registries = PackageRegistries.FromHost();
        if (registries.Any(r => r.Ecosystem == "pip") || !registries.Any(r => r.Ecosystem == "apt") || !File.Exists("/usr/bin/apt-get"))
            Requirement.Unmet("this test needs a host configured for Debian's apt and for no pip index (the case it covers)");
        // click is not on this host's python3 (the control: without the install, importing it fails).
        var folder = _pipeline.Folder(
            ("requirements.txt", "click>=8\nnot-a-real-package-xyz==1.0\n"),
            ("greet/__init__.py", "import click\n\n@click.command()\n@click.argument('name')\ndef main(name):\n    click.echo(f'hello {name}')\n"),
            ("tests/conftest.py", ""),
            ("tests/test_greet.py", "from click.testing import CliRunner\nfrom greet import main\n\ndef test_greets():\n    assert CliRunner().invoke(main, ['ada']).output == 'hello ada\\n'\n\ndef test_needs_a_name():\n    assert CliRunner().invoke(main, []).exit_code == 2\n"));

        var (_, report, _) = await _pipeline.RunAsync(folder, o => o.StepSeconds = 240);

        var install = Step(report, "install");
        Assert.True(install.GetProperty("status").GetString() == "passed", install.GetProperty("output").GetString());
        var debian = install.GetProperty("debianPython");
        Assert.Contains(debian.GetProperty("mapped").EnumerateArray(), m => m.GetProperty("requirement").GetString() == "click" && m.GetProperty("package").GetString() == "python3-click");
        Assert.Contains(debian.GetProperty("mapped").EnumerateArray(), m => m.GetProperty("package").GetString() == "python3-pytest");
        Assert.Contains(debian.GetProperty("unmapped").EnumerateArray(), m => m.GetProperty("requirement").GetString() == "not-a-real-package-xyz");
        Assert.Contains(install.GetProperty("egress").EnumerateArray(), e => e.GetProperty("allowed").GetBoolean());
        var test = Step(report, "test");
        Assert.Equal("python3 -m pytest -q", test.GetProperty("command").GetString());
        Assert.Equal("passed", test.GetProperty("status").GetString());
        Assert.Equal(2, report.GetProperty("levels").GetProperty("counts").GetProperty("passed").GetInt32());
    }

    [Fact]
    public async Task FailingInstall_AndTheDebianInstall_AreTwoSteps_EachWithItsOwnResult()
    {
        var registries = PackageRegistries.FromHost();
        if (registries.Any(r => r.Ecosystem == "pip") || !registries.Any(r => r.Ecosystem == "apt") || !File.Exists("/usr/bin/apt-get"))
            Requirement.Unmet("this test needs a host configured for Debian's apt and for no pip index (the case it covers)");
        // The Makefile's install target needs pip and an index, which the capsule has neither of: that step fails on its own.
        var folder = _pipeline.Folder(
            ("Makefile", "deps:\n\tpython3 -m pip install -r requirements.txt\n"),
            ("requirements.txt", "click>=8\n"),
            ("greet/__init__.py", "import click\n\n@click.command()\ndef main():\n    click.echo('hello')\n"),
            ("tests/__init__.py", ""),
            ("tests/test_greet.py", "import unittest\nfrom click.testing import CliRunner\nfrom greet import main\n\nclass GreetTest(unittest.TestCase):\n    def test_greets(self):\n        self.assertEqual(CliRunner().invoke(main, []).output, 'hello\\n')\n"));

        var (_, report, _) = await _pipeline.RunAsync(folder, o => o.StepSeconds = 240);

        var installs = report.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("phase").GetString() == "install").ToList();
        Assert.Equal(2, installs.Count);
        Assert.Equal("make deps", installs[0].GetProperty("command").GetString());
        Assert.NotEqual("passed", installs[0].GetProperty("status").GetString());
        Assert.False(installs[0].TryGetProperty("debianPython", out _), installs[0].ToString());
        Assert.EndsWith("debian_python.py", installs[1].GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.True(installs[1].GetProperty("status").GetString() == "passed", installs[1].GetProperty("output").GetString());
        Assert.Single(installs[1].GetProperty("tried").EnumerateArray());
        Assert.Contains(installs[1].GetProperty("debianPython").GetProperty("mapped").EnumerateArray(),
            m => m.GetProperty("requirement").GetString() == "click" && m.GetProperty("package").GetString() == "python3-click");
        Assert.Equal("passed", Step(report, "test").GetProperty("status").GetString());
    }
}
