using System.Diagnostics;
using Noa.Abstractions;

namespace Noa.Workflows.Tests;

/// <summary>
/// Failures that the same input repeats are never retried, whatever the configured policy: bad input thrown from deep in a
/// stage, and a full disk. The workspace of such a run is deleted even when it holds names .NET cannot spell.
/// </summary>
public sealed class DeterministicFailureTests : IDisposable
{
    private readonly EngineHarness _h = new(o => o.DefaultRetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.Zero, MaximumAttempts = 5 });

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task BadInputException_FromDeepInAStage_IsBadInputAfterOneAttempt()
    {
        var stage = new TestStage("intake", (_, _) => throw new BadInputException("'a/\\uFFFD.py' is not valid UTF-8"));

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("w", [stage]), EngineHarness.Request());

        Assert.Equal((RunState.Failed, "'a/\\uFFFD.py' is not valid UTF-8"), (record.State, record.Reason));
        Assert.Equal(1, stage.Executions);
        Assert.Equal(StageFailure.BadInput, Assert.Single(await _h.AttemptsAsync(record.RunId, "intake")).ErrorType);
    }

    [Theory]
    [InlineData("No space left on device : '/home/noa/artifacts/tmp/1'", 28)]
    [InlineData("SQLite Error 13: 'database or disk is full'.", 0)]
    public async Task DiskFull_IsFailedAtOnceWithTheReason(string message, int hresult)
    {
        var stage = new TestStage("graph", (_, _) => throw new IOException(message, hresult));

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("w", [stage]), EngineHarness.Request());

        Assert.Equal(RunState.Failed, record.State);
        Assert.StartsWith("the disk is full: ", record.Reason);
        Assert.Equal(1, stage.Executions);
        Assert.Equal("DiskFull", Assert.Single(await _h.AttemptsAsync(record.RunId, "graph")).ErrorType);
    }

    [Fact]
    public async Task OtherIOException_IsRetried()
    {
        // Control: the policy still retries what may pass next time.
        var stage = new TestStage("graph", (ctx, _) => ctx.Attempt < 2 ? throw new IOException("disk hiccup") : Task.FromResult(StageOutcome.Success()));

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("w", [stage]), EngineHarness.Request());

        Assert.Equal(RunState.Succeeded, record.State);
        Assert.Equal(2, stage.Executions);
    }

    [Fact]
    public async Task Workspace_HoldingANameThatIsNotUtf8_IsDeletedWhenTheRunEnds()
    {
        var stage = new TestStage("intake", (ctx, _) =>
        {
            Directory.CreateDirectory(ctx.Workspace);
            using (var sh = Process.Start(new ProcessStartInfo("sh", ["-c", "printf x > \"$(printf 'evil\\377name')\""]) { WorkingDirectory = ctx.Workspace })!)
                sh.WaitForExit();
            return Task.FromResult(StageOutcome.BadInput("odd name"));
        });

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("w", [stage]), EngineHarness.Request());

        Assert.False(Directory.Exists(Path.Combine(_h.Options.WorkspaceRoot, record.RunId)));
    }
}
