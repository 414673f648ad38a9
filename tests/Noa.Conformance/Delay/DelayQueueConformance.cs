using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>What every <see cref="IDelayQueue"/> must do: due times, due order, one claimer per item, leases, cancel.</summary>
public abstract class DelayQueueConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, IDelayQueueFixture
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Claim_BeforeDueTime_ReturnsNothing_AndOnceDue_ReturnsTheItem()
    {
        RequireServer();
        var (delays, now, step, elapse) = await Fixture.CreateAsync();
        var queue = Unique("q");
        var due = now() + step;
        await delays.ScheduleAsync(queue, "k", "payload", due);

        Assert.Empty(await delays.ClaimDueAsync(queue, 10, step));
        await elapse(step + Margin);

        var item = Assert.Single(await delays.ClaimDueAsync(queue, 10, step));
        Assert.Equal(("k", "payload", due.ToUnixTimeMilliseconds()), (item.Key, item.Payload, item.DueAt.ToUnixTimeMilliseconds()));
        Assert.True(item.ClaimedUntil > now(), $"claimed until {item.ClaimedUntil:O}");
    }

    [Fact]
    public async Task Claim_ManyDue_EarliestFirst_UpToMax()
    {
        RequireServer();
        var (delays, now, step, _) = await Fixture.CreateAsync();
        var queue = Unique("q");
        var t = now();
        await delays.ScheduleAsync(queue, "c", "3", t - TimeSpan.FromSeconds(1));
        await delays.ScheduleAsync(queue, "a", "1", t - TimeSpan.FromSeconds(3));
        await delays.ScheduleAsync(queue, "later", "4", t + step * 10);
        await delays.ScheduleAsync(queue, "b", "2", t - TimeSpan.FromSeconds(2));

        var first = await delays.ClaimDueAsync(queue, 2, step * 10);
        var rest = await delays.ClaimDueAsync(queue, 10, step * 10);

        Assert.Equal(["a", "b"], first.Select(i => i.Key));
        Assert.Equal(["c"], rest.Select(i => i.Key));
        Assert.Equal(["1", "2", "3"], first.Concat(rest).Select(i => i.Payload));
    }

    [Fact]
    public async Task Claim_TwoPollersAtOnce_EachItemGoesToOne()
    {
        RequireServer();
        var (delays, now, step, _) = await Fixture.CreateAsync();
        var queue = Unique("q");
        const int count = 100;
        for (var i = 0; i < count; i++)
            await delays.ScheduleAsync(queue, $"k{i}", $"{i}", now() - TimeSpan.FromSeconds(1));

        async Task<List<string>> PollAsync()
        {
            var mine = new List<string>();
            while (await delays.ClaimDueAsync(queue, 7, step * 10) is { Count: > 0 } claimed)
                mine.AddRange(claimed.Select(i => i.Key));
            return mine;
        }
        var polled = await Task.WhenAll(Task.Run(PollAsync), Task.Run(PollAsync));

        Assert.Equal(count, polled[0].Count + polled[1].Count);
        Assert.Equal(count, polled[0].Concat(polled[1]).Distinct().Count());
    }

    [Fact]
    public async Task Claim_NotCompletedWithinTheLease_IsDueAgain_ACompletedOneIsGone()
    {
        RequireServer();
        var (delays, now, step, elapse) = await Fixture.CreateAsync();
        var queue = Unique("q");
        await delays.ScheduleAsync(queue, "done", "1", now() - TimeSpan.FromSeconds(2));
        await delays.ScheduleAsync(queue, "lost", "2", now() - TimeSpan.FromSeconds(1));
        var claimed = await delays.ClaimDueAsync(queue, 10, step);
        Assert.True(await delays.CompleteAsync(queue, claimed[0]));

        Assert.Empty(await delays.ClaimDueAsync(queue, 10, step));
        await elapse(step + Margin);

        var again = Assert.Single(await delays.ClaimDueAsync(queue, 10, step));
        Assert.Equal(("lost", "2"), (again.Key, again.Payload));
        Assert.False(await delays.CompleteAsync(queue, claimed[1]), "the first claim's lease ran out; the second claim holds the item");
        Assert.True(await delays.CompleteAsync(queue, again));
    }

    [Fact]
    public async Task Schedule_SameKeyWhileClaimed_ReplacesIt_AndTheOldClaimCannotCompleteIt()
    {
        RequireServer();
        var (delays, now, step, _) = await Fixture.CreateAsync();
        var queue = Unique("q");
        await delays.ScheduleAsync(queue, "k", "old", now() - TimeSpan.FromSeconds(1));
        var claimed = Assert.Single(await delays.ClaimDueAsync(queue, 10, step * 10));

        await delays.ScheduleAsync(queue, "k", "new", now() - TimeSpan.FromSeconds(1));

        Assert.False(await delays.CompleteAsync(queue, claimed));
        Assert.Equal("new", Assert.Single(await delays.ClaimDueAsync(queue, 10, step * 10)).Payload);
    }

    [Fact]
    public async Task Cancel_ScheduledItem_IsNeverClaimed()
    {
        RequireServer();
        var (delays, now, step, _) = await Fixture.CreateAsync();
        var queue = Unique("q");
        await delays.ScheduleAsync(queue, "a", "1", now() - TimeSpan.FromSeconds(1));
        await delays.ScheduleAsync(queue, "b", "2", now() - TimeSpan.FromSeconds(1));

        Assert.True(await delays.CancelAsync(queue, "a"));
        Assert.False(await delays.CancelAsync(queue, "a"));

        Assert.Equal(["b"], (await delays.ClaimDueAsync(queue, 10, step)).Select(i => i.Key));
    }
}
