using System.Collections.Concurrent;
using System.Diagnostics;
using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>
/// What every <see cref="IMessageBus"/> must do. Reads that expect nothing use <c>Block = 0</c>, which
/// the port reads as "do not wait" (a Redis adapter must not pass <c>BLOCK 0</c>, which waits forever).
/// </summary>
public abstract class MessageBusConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, IMessageBusFixture
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Read_AfterPublish_DeliversMessageWithIdAndDeliveryCountOne()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        var headers = new Dictionary<string, string> { ["runId"] = "run_1" };
        var id = await bus.PublishAsync(stream, new BusMessage("StageCompleted", """{"a":1}""", headers));

        var read = await bus.ReadAsync(stream, "g", "c1", Options(lease));

        var delivery = Assert.Single(read);
        Assert.Equal((stream, "g", id, 1), (delivery.Stream, delivery.Group, delivery.Id, delivery.DeliveryCount));
        Assert.Equal("StageCompleted", delivery.Message.Type);
        Assert.Equal("""{"a":1}""", delivery.Message.Body);
        Assert.Equal("run_1", delivery.Message.Headers!["runId"]);
    }

    [Fact]
    public async Task Read_MessagePublishedUnderASpan_CarriesItsW3CTraceContext()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        // Nobody records the bus's producer spans here (see the next test): the message carries the caller's span itself.
        using var publisher = new Activity("publish").SetIdFormat(ActivityIdFormat.W3C).Start();
        publisher.TraceStateString = "noa=1,other=x";
        publisher.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        await bus.PublishAsync(stream, new BusMessage("T", "{}", BusTraceContext.With(new Dictionary<string, string> { ["runId"] = "run_1" })));
        publisher.Stop();

        var delivery = Assert.Single(await bus.ReadAsync(stream, "g", "c1", Options(lease)));
        var parent = BusTraceContext.ParentOf(delivery.Message);

        Assert.Equal((publisher.TraceId, publisher.SpanId, ActivityTraceFlags.Recorded, "noa=1,other=x", true),
            (parent.TraceId, parent.SpanId, parent.TraceFlags, parent.TraceState, parent.IsRemote));
        Assert.Equal(publisher.Id, delivery.Message.Headers![BusTraceContext.TraceParent]);
        Assert.Equal("run_1", delivery.Message.Headers["runId"]);
    }

    [Fact]
    public async Task Read_MessagePublishedWhileProducerSpansAreRecorded_CarriesTheProducerSpanUnderTheCallers()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        var spans = new ConcurrentQueue<Activity>();
        // Records the producer spans of this test's stream only: suites of other buses publish beside it.
        using var listener = Record(stream, spans);
        using var publisher = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();
        publisher.TraceStateString = "noa=1";
        publisher.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        var id = await bus.PublishAsync(stream, new BusMessage("T", "{}", BusTraceContext.With(new Dictionary<string, string> { ["runId"] = "run_1" })));
        publisher.Stop();

        var delivery = Assert.Single(await bus.ReadAsync(stream, "g", "c1", Options(lease)));
        var parent = BusTraceContext.ParentOf(delivery.Message);
        var producer = Assert.Single(spans);

        // The consumer's parent is the producer span, the producer span's parent the caller's: one trace, one more hop.
        Assert.Equal((publisher.TraceId, producer.SpanId, "noa=1"), (parent.TraceId, parent.SpanId, parent.TraceState));
        Assert.Equal((publisher.SpanId, ActivityKind.Producer, $"publish {stream}"), (producer.ParentSpanId, producer.Kind, producer.DisplayName));
        Assert.False(string.IsNullOrEmpty(producer.GetTagItem("messaging.system") as string));
        Assert.Equal((stream, "send", id, "run_1"), (producer.GetTagItem("messaging.destination.name"), producer.GetTagItem("messaging.operation.type"),
            producer.GetTagItem("messaging.message.id"), producer.GetTagItem("noa.run.id")));
        Assert.Equal(id, delivery.Id);
    }

    [Fact]
    public async Task Publish_AgainWithoutACurrentSpan_TheProducerSpanContinuesTheMessagesTrace()
    {
        // A retry published from the delay queue, a dead letter replayed: no span is current, the message's trace goes on.
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Record(stream, spans);
        var original = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        Activity.Current = null;
        await bus.PublishAsync(stream, new BusMessage("T", "{}", new Dictionary<string, string>
        {
            [BusTraceContext.TraceParent] = $"00-{original.TraceId}-{original.SpanId}-01",
        }));

        var delivery = Assert.Single(await bus.ReadAsync(stream, "g", "c1", Options(lease)));
        var producer = Assert.Single(spans);

        Assert.Equal((original.TraceId, original.SpanId), (producer.TraceId, producer.ParentSpanId));
        Assert.Equal(producer.SpanId, BusTraceContext.ParentOf(delivery.Message).SpanId);
    }

    private static ActivityListener Record(string stream, ConcurrentQueue<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BusTraceContext.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.Name == $"publish {stream}" ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    [Fact]
    public async Task Read_MessagePublishedWithoutASpan_HasNoTraceContext()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        Activity.Current = null;
        await bus.PublishAsync(stream, new BusMessage("T", "{}", BusTraceContext.With(null)));

        var delivery = Assert.Single(await bus.ReadAsync(stream, "g", "c1", Options(lease)));

        Assert.Equal(default, BusTraceContext.ParentOf(delivery.Message));
    }

    [Fact]
    public async Task Read_AfterAck_ReturnsNothingMore()
    {
        RequireServer();
        var (bus, lease, elapse) = await Fixture.CreateAsync();
        var stream = Unique("s");
        await bus.PublishAsync(stream, new BusMessage("T", "{}"));
        var delivery = Assert.Single(await bus.ReadAsync(stream, "g", "c1", Options(lease)));

        await bus.AckAsync(delivery);
        await elapse(lease + Margin);

        Assert.Empty(await bus.ReadAsync(stream, "g", "c1", Options(lease) with { Block = TimeSpan.Zero }));
        Assert.Empty(await bus.ReadAsync(stream, "g", "c2", Options(lease) with { Block = TimeSpan.Zero }));
    }

    [Fact]
    public async Task Read_ManyMessages_KeepsStreamOrderAndMaxMessages()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add(await bus.PublishAsync(stream, new BusMessage("T", $"{i}")));

        var first = await bus.ReadAsync(stream, "g", "c", Options(lease) with { MaxMessages = 3 });
        var second = await bus.ReadAsync(stream, "g", "c", Options(lease) with { MaxMessages = 3 });

        Assert.Equal(["0", "1", "2"], first.Select(d => d.Message.Body));
        Assert.Equal(["3", "4"], second.Select(d => d.Message.Body));
        Assert.Equal(ids, first.Concat(second).Select(d => d.Id));
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public async Task Read_ConcurrentConsumersOfOneGroup_DeliverEachMessageToOneConsumer()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        const int count = 200;
        for (var i = 0; i < count; i++)
            await bus.PublishAsync(stream, new BusMessage("T", $"{i}"));

        var seen = new ConcurrentBag<(string Consumer, string Body)>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            while (true)
            {
                var read = await bus.ReadAsync(stream, "g", $"c{c}", Options(lease) with { MaxMessages = 3, Block = TimeSpan.Zero });
                if (read.Count == 0)
                    return;
                foreach (var d in read)
                {
                    seen.Add(($"c{c}", d.Message.Body));
                    await bus.AckAsync(d);
                }
            }
        })));

        Assert.Equal(count, seen.Count);
        Assert.Equal(count, seen.Select(s => s.Body).Distinct().Count());
    }

    [Fact]
    public async Task Read_TwoGroups_EachGroupReceivesEveryMessage()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        await bus.PublishAsync(stream, new BusMessage("T", "a"));
        await bus.PublishAsync(stream, new BusMessage("T", "b"));

        var one = await bus.ReadAsync(stream, "g1", "c", Options(lease) with { MaxMessages = 10 });
        var two = await bus.ReadAsync(stream, "g2", "c", Options(lease) with { MaxMessages = 10 });

        Assert.Equal(["a", "b"], one.Select(d => d.Message.Body));
        Assert.Equal(["a", "b"], two.Select(d => d.Message.Body));
    }

    [Fact]
    public async Task Read_NewGroupOnStreamWithHistory_StartsAtStreamStart()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        await bus.PublishAsync(stream, new BusMessage("T", "old"));
        Assert.Single(await bus.ReadAsync(stream, "early", "c", Options(lease)));

        var late = await bus.ReadAsync(stream, "late", "c", Options(lease));

        Assert.Equal("old", Assert.Single(late).Message.Body);
    }

    [Fact]
    public async Task Read_LeaseExpired_RedeliversToAnotherConsumerWithHigherDeliveryCount()
    {
        RequireServer();
        var (bus, lease, elapse) = await Fixture.CreateAsync();
        var stream = Unique("s");
        var id = await bus.PublishAsync(stream, new BusMessage("T", "x"));
        Assert.Single(await bus.ReadAsync(stream, "g", "crashed", Options(lease)));
        Assert.Empty(await bus.ReadAsync(stream, "g", "other", Options(lease) with { Block = TimeSpan.Zero }));

        await elapse(lease + Margin);
        var again = Assert.Single(await bus.ReadAsync(stream, "g", "other", Options(lease)));

        Assert.Equal((id, 2), (again.Id, again.DeliveryCount));
        await bus.AckAsync(again);
        await elapse(lease + Margin);
        Assert.Empty(await bus.ReadAsync(stream, "g", "third", Options(lease) with { Block = TimeSpan.Zero }));
    }

    [Fact]
    public async Task ExtendLease_ByItsHolder_DelaysRedeliveryUntilTheRenewedLeaseRunsOut()
    {
        RequireServer();
        var (bus, lease, elapse) = await Fixture.CreateAsync();
        var stream = Unique("s");
        await bus.PublishAsync(stream, new BusMessage("T", "x"));
        var held = Assert.Single(await bus.ReadAsync(stream, "g", "worker", Options(lease)));

        for (var i = 0; i < 3; i++)
        {
            await elapse(lease / 2);
            Assert.True(await bus.ExtendLeaseAsync(held, "worker", lease));
        }
        // 1.5 leases after the read: without the heartbeats another consumer would have claimed it by now.
        Assert.Empty(await bus.ReadAsync(stream, "g", "other", Options(lease) with { Block = TimeSpan.Zero }));
        Assert.False(await bus.ExtendLeaseAsync(held, "someone-else", lease));

        await elapse(lease + Margin);
        var again = Assert.Single(await bus.ReadAsync(stream, "g", "other", Options(lease)));
        Assert.Equal(2, again.DeliveryCount);
        Assert.False(await bus.ExtendLeaseAsync(held, "worker", lease));
    }

    [Fact]
    public async Task Read_DeliveredMaxDeliveriesTimes_MovesMessageToDeadLetterStream()
    {
        RequireServer();
        var (bus, lease, elapse) = await Fixture.CreateAsync();
        var stream = Unique("s");
        await bus.PublishAsync(stream, new BusMessage("Poison", "p"));
        var options = Options(lease) with { MaxDeliveries = 2 };

        Assert.Equal(1, Assert.Single(await bus.ReadAsync(stream, "g", "c", options)).DeliveryCount);
        await elapse(lease + Margin);
        Assert.Equal(2, Assert.Single(await bus.ReadAsync(stream, "g", "c", options)).DeliveryCount);
        await elapse(lease + Margin);
        Assert.Empty(await bus.ReadAsync(stream, "g", "c", options with { Block = TimeSpan.Zero }));

        var dead = Assert.Single(await bus.ReadAsync(stream + ":dead", "inspect", "c", Options(lease)));
        Assert.Equal(("Poison", "p"), (dead.Message.Type, dead.Message.Body));
        Assert.Equal(0, await bus.GetLagAsync(stream, "g"));
    }

    [Fact]
    public async Task GetLag_CountsUndeliveredAndPendingEntries()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        Assert.Empty(await bus.ReadAsync(stream, "g", "c", Options(lease) with { Block = TimeSpan.Zero }));
        for (var i = 0; i < 3; i++)
            await bus.PublishAsync(stream, new BusMessage("T", $"{i}"));
        Assert.Equal(3, await bus.GetLagAsync(stream, "g"));

        var delivery = Assert.Single(await bus.ReadAsync(stream, "g", "c", Options(lease)));
        Assert.Equal(3, await bus.GetLagAsync(stream, "g"));

        await bus.AckAsync(delivery);
        Assert.Equal(2, await bus.GetLagAsync(stream, "g"));
    }

    [Fact]
    public async Task Read_BlockedOnEmptyStream_WakesWhenMessageIsPublished()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        Assert.Empty(await bus.ReadAsync(stream, "g", "c", Options(lease) with { Block = TimeSpan.Zero }));
        var clock = Stopwatch.StartNew();

        var reading = bus.ReadAsync(stream, "g", "c", Options(lease) with { Block = TimeSpan.FromSeconds(30) });
        await Task.Delay(50);
        Assert.False(reading.IsCompleted);
        await bus.PublishAsync(stream, new BusMessage("T", "late"));

        Assert.Equal("late", Assert.Single(await reading.WaitAsync(TimeSpan.FromSeconds(10))).Message.Body);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Read_NothingArrives_ReturnsEmptyAfterBlock()
    {
        RequireServer();
        var (bus, lease, elapse) = await Fixture.CreateAsync();
        var stream = Unique("s");
        var block = TimeSpan.FromMilliseconds(300);

        var reading = bus.ReadAsync(stream, "g", "c", Options(lease) with { Block = block });
        await elapse(block + Margin);

        Assert.Empty(await reading.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Read_CancelledWhileBlocked_ThrowsOperationCanceled()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        using var cancel = new CancellationTokenSource();

        var reading = bus.ReadAsync(Unique("s"), "g", "c", Options(lease) with { Block = TimeSpan.FromSeconds(30) }, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task DeleteGroup_WithPendingEntries_RemovesThatGroupOnly()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        for (var i = 0; i < 3; i++)
            await bus.PublishAsync(stream, new BusMessage("T", $"{i}"));
        Assert.Equal(2, (await bus.ReadAsync(stream, "gone", "c", Options(lease) with { MaxMessages = 2 })).Count);
        await bus.AckAsync(Assert.Single(await bus.ReadAsync(stream, "kept", "c", Options(lease))));

        await bus.DeleteGroupAsync(stream, "gone");

        Assert.Equal((3L, 2L), (await bus.GetLagAsync(stream, "gone"), await bus.GetLagAsync(stream, "kept")));
        var again = await bus.ReadAsync(stream, "gone", "c", Options(lease) with { MaxMessages = 3 });
        Assert.Equal(["0", "1", "2"], again.Select(d => d.Message.Body));
        Assert.All(again, d => Assert.Equal(1, d.DeliveryCount));
        Assert.Equal(["1", "2"], (await bus.ReadAsync(stream, "kept", "c", Options(lease) with { MaxMessages = 3 })).Select(d => d.Message.Body));
    }

    [Fact]
    public async Task DeleteGroup_MissingStreamOrGroup_DoesNothing()
    {
        RequireServer();
        var (bus, lease, _) = await Fixture.CreateAsync();
        var stream = Unique("s");
        await bus.DeleteGroupAsync(stream, "g");
        await bus.PublishAsync(stream, new BusMessage("T", "0"));
        Assert.Single(await bus.ReadAsync(stream, "g", "c", Options(lease)));

        await bus.DeleteGroupAsync(stream, "never-read");

        Assert.Equal(1, await bus.GetLagAsync(stream, "g"));
    }

    private static ConsumeOptions Options(TimeSpan lease) => new() { Lease = lease, Block = TimeSpan.FromMilliseconds(500) };
}
