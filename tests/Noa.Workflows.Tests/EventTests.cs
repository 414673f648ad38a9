using Noa.Abstractions;

namespace Noa.Workflows.Tests;

public sealed class EventTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task RunAsync_SequentialStages_PublishesEventsInOrderWithThrottledProgress()
    {
        var work = new TestStage("work", (ctx, _) =>
        {
            for (var i = 1; i <= 500; i++)
                ctx.Progress.Report(new StageProgress(i, 500, "files"));
            return Task.FromResult(StageOutcome.Success("500 files"));
        }, "intake");

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("digest", [TestStage.Ok("intake"), work]), EngineHarness.Request());
        var events = await _h.EventsAsync(record.RunId);

        Assert.Equal(
            ["RunStarted", "StageStarted:intake", "StageCompleted:intake", "StageStarted:work", "StageProgressed:work", "StageProgressed:work", "StageCompleted:work", "RunCompleted"],
            events.Select(e => e.Stage is null ? e.Type : $"{e.Type}:{e.Stage}"));
        Assert.Equal([1L, 500L], events.Where(e => e.Type == "StageProgressed").Select(e => e.Done!.Value));
        Assert.Equal(("succeeded", "500 files", 1), (events[6].Status, events[6].Message, events[6].Attempt));
        Assert.Equal("succeeded", events[^1].Status);
        Assert.Equal("/src/demo", events[0].Message);
    }

    [Fact]
    public async Task RunAsync_ProgressAfterTheInterval_IsPublishedAgain()
    {
        var work = new TestStage("work", (ctx, _) =>
        {
            ctx.Progress.Report(new StageProgress(1, null, "chunks"));
            ctx.Progress.Report(new StageProgress(2, null, "chunks"));
            _h.Clock.Advance(TimeSpan.FromMilliseconds(100));
            ctx.Progress.Report(new StageProgress(3, null, "chunks"));
            return Task.FromResult(StageOutcome.Success());
        });

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("w", [work]), EngineHarness.Request());

        var progress = (await _h.EventsAsync(record.RunId)).Where(e => e.Type == "StageProgressed").ToArray();
        Assert.Equal([1L, 3L], progress.Select(e => e.Done!.Value));
        Assert.All(progress, p => Assert.Equal("chunks", p.Unit));
    }

    [Fact]
    public async Task RunAsync_Started_AuditsRequesterAsActorAndSystemOtherwise()
    {
        var record = await _h.Engine.RunAsync(new WorkflowDefinition("w", [TestStage.Ok("a")]), EngineHarness.Request());

        var audit = await _h.Store.QueryAsync(new AuditQuery(record.RunId));

        Assert.Equal(["RunStarted", "StageStarted", "StageCompleted", "RunCompleted"], audit.Select(a => a.Action));
        Assert.Equal(["ana", "system", "system", "system"], audit.Select(a => a.Actor));
    }

    [Fact]
    public async Task RunAsync_NewRuns_GetTimeOrderedIds()
    {
        var definition = new WorkflowDefinition("w", [TestStage.Ok("a")]);
        var first = await _h.Engine.RunAsync(definition, EngineHarness.Request());
        _h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = await _h.Engine.RunAsync(definition, EngineHarness.Request());

        Assert.Matches("^run_[0-9A-HJKMNP-TV-Z]{26}$", first.RunId);
        Assert.True(string.CompareOrdinal(first.RunId, second.RunId) < 0);
        Assert.Equal([second.RunId, first.RunId], (await _h.Store.ListRunsAsync(new RunQuery())).Select(r => r.RunId));
    }
}
