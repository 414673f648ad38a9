using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>What every <see cref="IAuditLog"/> must do: append, and query oldest first with filters.</summary>
public abstract class AuditLogConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, IAuditLogFixture
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, 456, TimeSpan.Zero);

    [Fact]
    public async Task Append_ThenQuery_RoundTripsEveryField()
    {
        RequireServer();
        var audit = await Fixture.CreateAuditLogAsync();
        var record = new AuditRecord { At = T0, Actor = "ana", Action = "GateFailed", RunId = "r1", Subject = "safety", Detail = """{"verdict":"fail"}""" };

        await audit.AppendAsync(record);

        Assert.Equal(record, Assert.Single(await audit.QueryAsync(new AuditQuery())));
    }

    [Fact]
    public async Task Query_ReturnsOldestFirstAndAppendOrderForEqualTimes()
    {
        RequireServer();
        var audit = await Fixture.CreateAuditLogAsync();
        await audit.AppendAsync(Record(T0.AddSeconds(2), "Third"));
        await audit.AppendAsync(Record(T0, "First"));
        await audit.AppendAsync(Record(T0.AddSeconds(1), "SecondA"));
        await audit.AppendAsync(Record(T0.AddSeconds(1), "SecondB"));

        var actions = (await audit.QueryAsync(new AuditQuery())).Select(r => r.Action);

        Assert.Equal(["First", "SecondA", "SecondB", "Third"], actions);
    }

    [Fact]
    public async Task Query_Filters_ByRunActionSinceAndLimit()
    {
        RequireServer();
        var audit = await Fixture.CreateAuditLogAsync();
        await audit.AppendAsync(Record(T0, "RunStarted", "r1"));
        await audit.AppendAsync(Record(T0.AddSeconds(1), "StageCompleted", "r1"));
        await audit.AppendAsync(Record(T0.AddSeconds(2), "RunStarted", "r2"));
        await audit.AppendAsync(Record(T0.AddSeconds(3), "ApiCalled"));

        Assert.Equal(["RunStarted", "StageCompleted"], (await audit.QueryAsync(new AuditQuery(RunId: "r1"))).Select(r => r.Action));
        Assert.Equal(["r1", "r2"], (await audit.QueryAsync(new AuditQuery(Action: "RunStarted"))).Select(r => r.RunId));
        Assert.Equal(["RunStarted", "ApiCalled"], (await audit.QueryAsync(new AuditQuery(Since: T0.AddSeconds(2)))).Select(r => r.Action));
        Assert.Equal(["RunStarted", "StageCompleted"], (await audit.QueryAsync(new AuditQuery(Limit: 2))).Select(r => r.Action));
        Assert.Empty(await audit.QueryAsync(new AuditQuery(RunId: "r1", Action: "ApiCalled")));
    }

    [Fact]
    public async Task Query_SinceWithOtherOffset_ComparesInstants()
    {
        RequireServer();
        var audit = await Fixture.CreateAuditLogAsync();
        await audit.AppendAsync(Record(T0, "Before"));
        await audit.AppendAsync(Record(T0.AddHours(1), "After"));

        var since = T0.AddMinutes(30).ToOffset(TimeSpan.FromHours(-5));

        Assert.Equal("After", Assert.Single(await audit.QueryAsync(new AuditQuery(Since: since))).Action);
    }

    [Fact]
    public async Task Append_Concurrently_KeepsEveryRecord()
    {
        RequireServer();
        var audit = await Fixture.CreateAuditLogAsync();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => audit.AppendAsync(Record(T0.AddMilliseconds(i), $"A{i}")))));

        Assert.Equal(50, (await audit.QueryAsync(new AuditQuery())).Count);
    }

    private static AuditRecord Record(DateTimeOffset at, string action, string? runId = null) =>
        new() { At = at, Actor = "system", Action = action, RunId = runId };
}
