using System.Text.Json;
using Noa.Abstractions;
using Noa.Stages.Runner.Repair;
using Noa.Testing;

namespace Noa.Stages.Runner.Tests.Repair;

/// <summary>
/// The repair loop on the real capsule module with a scripted OpenAI-compatible chat server (no real model runs here). The
/// repository's tests pass only with <c>APP_MODE=test</c> set, which one changed command provides.
/// </summary>
public sealed class RepairLoopTests : IAsyncLifetime
{
    private const string Fix = "APP_MODE=test make test";
    private RunnerPipeline _pipeline = null!;

    public ValueTask InitializeAsync()
    {
        _pipeline = new RunnerPipeline();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    private string NeedsAnEnvironmentVariable() => _pipeline.Folder(
        ("Makefile", "test:\n\tpython3 -m unittest -v test_mode\n"),
        ("test_mode.py", "import os, unittest\n\nclass M(unittest.TestCase):\n    def test_mode(self):\n        self.assertEqual(os.environ.get('APP_MODE'), 'test')\n\n    def test_other(self):\n        pass\n"));

    private Task<(StageOutcome Outcome, JsonElement Report, MemoryArtifacts Artifacts)> RunAsync(string folder, Uri? endpoint, Action<RepairOptions>? configure = null) =>
        _pipeline.RunAsync(folder, o =>
        {
            o.InstallPolicy = "none";
            if (endpoint is null)
                return;
            o.Repair = new RepairOptions { Endpoint = endpoint, Model = "test-model" };
            configure?.Invoke(o.Repair);
        });

    private static JsonElement TestStep(JsonElement report) =>
        report.GetProperty("steps").EnumerateArray().Last(s => s.GetProperty("phase").GetString() == "test");

    private static List<JsonElement> Attempts(JsonElement report) => [.. report.GetProperty("repair").GetProperty("attempts").EnumerateArray()];

    [Fact]
    public async Task FailedTestStep_OneChangedCommandFixesIt_IsKept_AndRunnerJsonAndDemoSaySo()
    {
        using var model = ChatServer.Start(_ => ChatServer.Propose(Fix, "the tests read APP_MODE"));

        var (outcome, report, artifacts) = await RunAsync(NeedsAnEnvironmentVariable(), model.Endpoint);

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var test = TestStep(report);
        Assert.Equal("passed", test.GetProperty("status").GetString());
        Assert.Equal(Fix, test.GetProperty("command").GetString());
        Assert.Equal("repair (test-model)", test.GetProperty("source").GetString());
        Assert.Equal(2, test.GetProperty("tests").GetProperty("passed").GetInt32());
        Assert.True(report.GetProperty("levels").GetProperty("testsPassed").GetBoolean());
        var attempt = Assert.Single(Attempts(report));
        Assert.Equal((test.GetProperty("id").GetString(), "kept", Fix, "the tests read APP_MODE", 0), (attempt.GetProperty("step").GetString(), attempt.GetProperty("outcome").GetString(),
            attempt.GetProperty("proposal").GetString(), attempt.GetProperty("reason").GetString(), attempt.GetProperty("exitCode").GetInt32()));
        // The model was told the step: its command, where it came from, how it ended and the end of its log.
        var request = Assert.Single(model.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        var prompt = request.Body["messages"]![1]!["content"]!.GetValue<string>();
        Assert.Contains("Command: make test", prompt);
        Assert.Contains("From: Makefile:", prompt);
        Assert.Contains("Ended: exit 2", prompt);
        Assert.Contains("AssertionError", prompt);
        var demo = artifacts.Text("demo.md");
        Assert.Contains("## Repairs", demo);
        Assert.Contains($"`make test` failed; the command that worked: `{Fix}`", demo);
    }

    [Fact]
    public async Task FailedTestStep_WithoutARepairModel_StaysFailed()
    {
        // The control: the loop is off by default, so nothing is asked and the step stays failed.
        var (_, report, artifacts) = await RunAsync(NeedsAnEnvironmentVariable(), endpoint: null);

        Assert.Equal("failed", TestStep(report).GetProperty("status").GetString());
        Assert.False(report.TryGetProperty("repair", out _));
        Assert.DoesNotContain("## Repairs", artifacts.Text("demo.md"));
    }

    [Fact]
    public async Task ProposalThatDoesNotHelp_IsRolledBack_SoTheNextRunsOnTheWorkspaceAsItWas()
    {
        // The first proposal writes a file and changes a test file, then fails; the second passes only when neither change is
        // left in the workspace, so it is kept only if the first was rolled back.
        using var model = ChatServer.Start(n => n == 1
            ? ChatServer.Propose("echo x > written.txt; echo '# changed' >> test_mode.py; make test", "try again")
            : ChatServer.Propose($"test ! -e written.txt && ! grep -q changed test_mode.py && {Fix}", "set APP_MODE"));

        var (_, report, _) = await RunAsync(NeedsAnEnvironmentVariable(), model.Endpoint);

        var attempts = Attempts(report);
        Assert.Equal(["rolled-back", "kept"], attempts.Select(a => a.GetProperty("outcome").GetString()));
        Assert.Contains("the step still fails (exit 2)", attempts[0].GetProperty("why").GetString());
        Assert.Equal("passed", TestStep(report).GetProperty("status").GetString());
    }

    public static TheoryData<string, string, string> BadAnswers => new()
    {
        { "unreachable", "model-error", "could not be reached" },
        { "500", "model-error", "answered 500: {\"error\":\"model crashed\"}" },
        { "not json", "model-error", "not the JSON expected" },
        { "malformed message", "model-error", "not the JSON asked for" },
        { "timeout", "model-error", "did not answer within 1 s" },
        { "multi-line", "refused", "more than one line" },
        { "over-long", "refused", "over 500" },
        { "hides the failure", "refused", "hide the step's failure" },
        { "sandbox", "refused", "tries to change the sandbox (sudo)" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task BadAnswer_IsRecordedWithTheReason_AndNoCommandRuns(string kind, string outcome, string why)
    {
        using var model = ChatServer.Start(_ => kind switch
        {
            "500" => new ScriptedJsonServer.Answer(500, """{"error":"model crashed"}"""),
            "not json" => new ScriptedJsonServer.Answer(200, "<html>busy</html>"),
            "malformed message" => ChatServer.Message("Sure! Try setting APP_MODE."),
            "timeout" => ChatServer.Propose(Fix, "late") with { Delay = TimeSpan.FromSeconds(4) },
            "multi-line" => ChatServer.Propose("make test\nAPP_MODE=test make test", "two"),
            "over-long" => ChatServer.Propose(Fix + " " + new string('x', 600), "long"),
            "hides the failure" => ChatServer.Propose("make test || true", "ignore it"),
            "sandbox" => ChatServer.Propose("sudo " + Fix, "root"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        });
        var endpoint = kind == "unreachable" ? new Uri($"http://127.0.0.1:{ScriptedJsonServer.FreePort()}/") : model.Endpoint;

        var (outcome2, report, _) = await RunAsync(NeedsAnEnvironmentVariable(), endpoint, r => { r.Attempts = 2; r.RequestSeconds = 1; });

        Assert.Equal(StageStatus.Succeeded, outcome2.Status);
        var attempts = Attempts(report);
        Assert.NotEmpty(attempts);
        Assert.All(attempts, a => Assert.Equal(outcome, a.GetProperty("outcome").GetString()));
        Assert.Contains(why, attempts[0].GetProperty("why").GetString());
        Assert.All(attempts, a => Assert.False(a.TryGetProperty("ending", out _)));
        var test = TestStep(report);
        Assert.Equal("failed", test.GetProperty("status").GetString());
        Assert.Equal("make test", test.GetProperty("command").GetString());
        Assert.Equal(2, test.GetProperty("tried").GetArrayLength()); // the plan's run and its rerun: no proposal ran
    }

    [Fact]
    public async Task ModelThatNeverHelps_IsAskedAtMostAttemptsTimes()
    {
        using var model = ChatServer.Start(n => ChatServer.Propose($"make test # attempt {n}", "maybe"));

        var (_, report, _) = await RunAsync(NeedsAnEnvironmentVariable(), model.Endpoint, r => r.Attempts = 2);

        Assert.Equal(2, model.Requests.Count);
        Assert.Equal(["rolled-back", "rolled-back"], Attempts(report).Select(a => a.GetProperty("outcome").GetString()));
        var test = TestStep(report);
        Assert.Equal("failed", test.GetProperty("status").GetString());
        Assert.Contains("2 repair proposal(s) did not make it pass", test.GetProperty("reason").GetString());
        Assert.Equal(4, test.GetProperty("tried").GetArrayLength()); // run, rerun, two proposals
    }

    [Fact]
    public async Task RepairTimeBudget_EndsTheLoopBeforeItsAttempts()
    {
        // Each proposal takes over a second to run: with a one-second budget only the first is asked for.
        using var model = ChatServer.Start(n => ChatServer.Propose($"sleep 1.5; make test # attempt {n}", "maybe"));

        var (_, report, _) = await RunAsync(NeedsAnEnvironmentVariable(), model.Endpoint, r => { r.Attempts = 3; r.TotalSeconds = 1; });

        Assert.Single(model.Requests);
        Assert.Equal("rolled-back", Assert.Single(Attempts(report)).GetProperty("outcome").GetString());
    }
}
