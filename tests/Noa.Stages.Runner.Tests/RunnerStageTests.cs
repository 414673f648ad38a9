using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Abstractions;

namespace Noa.Stages.Runner.Tests;

public sealed partial class RunnerStageTests : IAsyncLifetime
{
    private RunnerPipeline _pipeline = null!;

    public ValueTask InitializeAsync()
    {
        _pipeline = new RunnerPipeline();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    private static JsonElement Levels(JsonElement report) => report.GetProperty("levels");

    private static JsonElement Step(JsonElement report, string phase) =>
        report.GetProperty("steps").EnumerateArray().Last(s => s.GetProperty("phase").GetString() == phase);

    [Fact]
    public async Task Corpus_Simplejson_RunsItsUpstreamSuite_AndCountsWhatUnittestCounts()
    {
        var corpus = RunnerPipeline.Corpus("suites/simplejson");
        if (corpus is null)
        {
            Requirement.Unmet("the suites corpus is missing (scripts/corpora.sh suites)");
            return;
        }

        var (outcome, report, artifacts) = await _pipeline.RunAsync(corpus);

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var test = Step(report, "test");
        Assert.Equal("passed", test.GetProperty("status").GetString());
        // The oracle is unittest's own summary line, not our parser: every test it ran is one per-test result of ours.
        var ran = int.Parse(RanLine().Match(test.GetProperty("output").GetString()!).Groups[1].Value);
        Assert.True(ran > 100, $"simplejson's suite has over 100 tests; unittest ran {ran}");
        Assert.Equal(ran, Levels(report).GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal(ran, report.GetProperty("tests").GetArrayLength());
        Assert.True(Levels(report).GetProperty("built").GetBoolean());
        Assert.True(Levels(report).GetProperty("testsRan").GetBoolean());
        Assert.True(Levels(report).GetProperty("testsPassed").GetBoolean());
        Assert.Contains(report.GetProperty("tests").EnumerateArray(), t => t.GetProperty("name").GetString() == "simplejson.tests.test_dump.TestDump.test_dump");
        var demo = artifacts.Text("demo.md");
        Assert.Contains("python3 -m unittest discover -v", demo);
        Assert.Contains($"Ran {ran} tests", demo);
    }

    [Fact]
    public async Task FailingTest_IsNamed_RerunOnce_AndTheLevelsSaySo()
    {
        var folder = _pipeline.Folder(
            ("pyproject.toml", "[project]\nname = \"calc\"\nversion = \"0.1.0\"\n"),
            ("calc/__init__.py", "def add(a, b):\n    return a + b\n"),
            ("tests/__init__.py", ""),
            ("tests/test_calc.py", "import unittest\nfrom calc import add\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        self.assertEqual(add(1, 2), 3)\n\n    def test_wrong(self):\n        self.assertEqual(add(1, 1), 3)\n"));

        var (outcome, report, _) = await _pipeline.RunAsync(folder, o => o.InstallPolicy = "none");

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var test = Step(report, "test");
        Assert.Equal("failed", test.GetProperty("status").GetString());
        Assert.Equal(2, test.GetProperty("tried").GetArrayLength()); // the run and its rerun
        Assert.Contains("failed again", test.GetProperty("rerun").GetString());
        Assert.True(Levels(report).GetProperty("testsRan").GetBoolean());
        Assert.False(Levels(report).GetProperty("testsPassed").GetBoolean());
        var tests = report.GetProperty("tests").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("status").GetString());
        Assert.Equal("failed", tests["tests.test_calc.T.test_wrong"]);
        Assert.Equal("passed", tests["tests.test_calc.T.test_ok"]);
        // The plan says why it did not use the project's convention: pytest is not in the capsule.
        Assert.Contains(test.GetProperty("skipped").EnumerateArray(), s => s.GetString()!.StartsWith("pytest", StringComparison.Ordinal));
        var install = Step(report, "install");
        Assert.Equal("not-run", install.GetProperty("status").GetString());
        Assert.Contains("no network", install.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task TestThatFailsOnce_IsFlaggedFlaky_AndDoesNotFailTheRun()
    {
        // Fails the first time it runs in a workspace, passes after: the marker file lives in the workspace the rerun shares.
        var folder = _pipeline.Folder(
            ("Makefile", "test:\n\tpython3 -m unittest -v test_flaky\n"),
            ("test_flaky.py", "import os, unittest\n\nclass F(unittest.TestCase):\n    def test_once(self):\n        first = not os.path.exists('marker')\n        open('marker', 'w').close()\n        self.assertFalse(first)\n\n    def test_steady(self):\n        pass\n"));

        var (_, report, _) = await _pipeline.RunAsync(folder);

        var test = Step(report, "test");
        Assert.Equal("make test", test.GetProperty("command").GetString());
        Assert.StartsWith("Makefile:", test.GetProperty("source").GetString());
        Assert.Equal("passed", test.GetProperty("status").GetString());
        var counts = Levels(report).GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("flaky").GetInt32());
        Assert.Equal(0, counts.GetProperty("failed").GetInt32());
        Assert.True(Levels(report).GetProperty("testsPassed").GetBoolean());
    }

    [Theory]
    [InlineData("forkbomb", "test:\n\tsh -c 'f() { f | f & }; f'; sleep 60\n", "pids", "process limit")]
    [InlineData("sleeper", "test:\n\tsleep 100000\n", "timeout", "wall-time limit")]
    [InlineData("memhog", "test:\n\tpython3 -c \"x = bytearray(4 * 1024**3)\"\n", "oom", "memory limit")]
    [InlineData("bigfile", "test:\n\thead -c 300000000 /dev/zero > big.bin\n", "disk", "a file grew past")]
    [InlineData("manyfiles", "test:\n\tfor i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do head -c 30000000 /dev/zero > f$$i; sleep 0.3; done; sleep 30\n", "disk", "the workspace grew by")]
    [InlineData("flood", "test:\n\tyes flood\n", "output", "output limit")]
    public async Task EscapingStep_IsContained_WithTheLimitNamed(string name, string makefile, string ending, string limit)
    {
        var folder = _pipeline.Folder(("Makefile", makefile));

        var started = DateTime.UtcNow;
        var (outcome, report, artifacts) = await _pipeline.RunAsync(folder, o =>
        {
            // Room for python3 to start and fill 256 MiB before the wall-time limit at load ~40-80 (memhog reached 8 s there).
            o.StepSeconds = 15;
            o.TotalSeconds = 60;
            o.MemoryBytes = 256L << 20;
            o.TmpfsBytes = 64L << 20;
            o.Pids = 128;
            o.DiskBytes = 100L << 20;
            o.OutputBytes = 1L << 20;
        });

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60), $"{name} took {DateTime.UtcNow - started}");
        var test = Step(report, "test");
        Assert.Equal("limit", test.GetProperty("status").GetString());
        Assert.StartsWith(ending, test.GetProperty("ending").GetString());
        Assert.Contains(limit, test.GetProperty("limit").GetString());
        Assert.Single(test.GetProperty("tried").EnumerateArray()); // a limit is never worth a second try
        Assert.Contains(limit, artifacts.Text("demo.md"));
        Assert.False(Levels(report).GetProperty("testsRan").GetBoolean());
    }

    [Fact]
    public async Task PhoneHome_HasNoNetwork_AndTheReasonSaysSo()
    {
        var folder = _pipeline.Folder(
            ("Makefile", "test:\n\tpython3 -m unittest -v test_phone\n"),
            ("test_phone.py", "import socket, unittest\n\nclass P(unittest.TestCase):\n    def test_calls_out(self):\n        socket.create_connection(('1.1.1.1', 80), timeout=5).close()\n"));

        var (_, report, _) = await _pipeline.RunAsync(folder);

        var test = Step(report, "test");
        Assert.Equal("failed", test.GetProperty("status").GetString());
        Assert.Contains("Network is unreachable", test.GetProperty("output").GetString());
        Assert.Contains("the capsule has none", test.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task NodePackage_NodeTestRunner_CountsLeavesNotSuites()
    {
        var folder = _pipeline.Folder(
            ("package.json", """{ "name": "nodedemo", "version": "1.0.0", "main": "index.js", "scripts": { "test": "node --test" } }"""),
            ("index.js", "exports.add = (a, b) => a + b;\n"),
            ("test/add.test.js", """
                const test = require('node:test');
                const assert = require('node:assert');
                const { add } = require('../index.js');
                test('adds', () => assert.strictEqual(add(1, 2), 3));
                test.describe('suite', () => {
                  test.it('inner ok', () => assert.ok(true));
                  test.it('inner fails', () => assert.strictEqual(add(1, 1), 3));
                });
                test('skipped', { skip: true }, () => {});
                """));

        var (_, report, _) = await _pipeline.RunAsync(folder);

        var test = Step(report, "test");
        Assert.Equal("npm test", test.GetProperty("command").GetString());
        Assert.Equal("tap", test.GetProperty("testFormat").GetString());
        var tests = report.GetProperty("tests").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("status").GetString());
        Assert.Equal(["adds", "inner fails", "inner ok", "skipped"], tests.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("failed", tests["inner fails"]);
        Assert.Equal("skipped", tests["skipped"]);
    }

    [Fact]
    public async Task LibraryWithoutTests_GetsSmokeTests_InTheBundle_AndABrokenModuleFailsThem()
    {
        var folder = _pipeline.Folder(
            ("pyproject.toml", "[project]\nname = \"lib\"\nversion = \"0.1.0\"\n"),
            ("lib/__init__.py", "VERSION = '0.1'\n"),
            ("lib/good.py", "def f():\n    return 1\n"),
            ("lib/broken.py", "import module_that_does_not_exist\n"));

        var (_, report, artifacts) = await _pipeline.RunAsync(folder);

        var smoke = Step(report, "smoke");
        Assert.Equal("failed", smoke.GetProperty("status").GetString());
        Assert.True(Levels(report).GetProperty("smoke").GetBoolean());
        var tests = report.GetProperty("tests").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("status").GetString());
        Assert.Equal("passed", tests["import lib"]);
        Assert.Equal("passed", tests["import lib.good"]);
        Assert.Equal("failed", tests["import lib.broken"]);
        Assert.Contains("runner/smoke/smoke_python.py", artifacts.Files.Keys);
        Assert.Contains("runner/smoke/smoke_python.py", report.GetProperty("smoke").EnumerateArray().Select(s => s.GetString()));
    }

    // The smoke step runs in the app's folder, so what its command and script name must be right from there, not from the root.
    [Fact]
    public async Task AppsInSubfolders_GetSmokeTests_ThatRunFromTheirOwnFolder()
    {
        var folder = _pipeline.Folder(
            ("README.md", "two apps\n"),
            ("services/api/pyproject.toml", "[project]\nname = \"api\"\nversion = \"0.1.0\"\n"),
            ("services/api/api/__init__.py", "VERSION = '0.1'\n"),
            ("services/api/api/good.py", "from api import VERSION\n"),
            ("services/api/api/broken.py", "import module_that_does_not_exist\n"),
            ("services/api/api/__main__.py", "import sys\nprint('api 0.1' if '--version' in sys.argv else 'usage: api')\n"),
            ("packages/lib/package.json", """{ "name": "lib", "version": "1.0.0", "main": "index.js", "bin": { "lib": "./cli.js" } }"""),
            ("packages/lib/index.js", "exports.add = (a, b) => a + b;\n"),
            ("packages/lib/cli.js", "#!/usr/bin/env node\nconsole.log(require('./index.js').add(1, 2));\n"));

        var (_, report, artifacts) = await _pipeline.RunAsync(folder);

        var steps = report.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("phase").GetString() == "smoke")
            .ToDictionary(s => s.GetProperty("cwd").GetString()!, s => s);
        Assert.Equal(["packages/lib", "services/api"], steps.Keys.Order(StringComparer.Ordinal));
        var tests = report.GetProperty("tests").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("status").GetString());
        Assert.True(tests.ContainsKey("import api"), steps["services/api"].GetProperty("output").GetString());
        Assert.Equal("passed", tests["import api"]);
        Assert.Equal("passed", tests["import api.good"]);
        Assert.Equal("failed", tests["import api.broken"]);
        Assert.Equal("passed", tests["python3 -m api --help"]);
        Assert.Equal("passed", tests["python3 -m api --version"]);
        Assert.Equal("failed", steps["services/api"].GetProperty("status").GetString());
        Assert.True(tests.ContainsKey("load index.js"), steps["packages/lib"].GetProperty("output").GetString());
        Assert.Equal("passed", tests["load index.js"]);
        Assert.Equal("passed", tests["node cli.js --help"]);
        Assert.Equal("passed", tests["node cli.js --version"]);
        Assert.Equal("passed", steps["packages/lib"].GetProperty("status").GetString());
        Assert.Contains("runner/smoke/smoke_python-services-api.py", artifacts.Files.Keys);
        Assert.Contains("runner/smoke/smoke_node-packages-lib.mjs", artifacts.Files.Keys);
    }

    [GeneratedRegex(@"Ran (\d+) tests? in")]
    private static partial Regex RanLine();
}
