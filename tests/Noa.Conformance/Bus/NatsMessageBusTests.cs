using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>What the NATS JetStream bus does beyond the port: dead-letter headers, and names JetStream would refuse.</summary>
public sealed class NatsMessageBusTests(NatsBusFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<NatsBusFixture>(fixture, output)
{
    private static readonly ConsumeOptions Now = new() { Block = TimeSpan.Zero, Lease = TimeSpan.FromMilliseconds(500), MaxMessages = 10 };

    [Fact]
    public async Task Read_PastMaxDeliveries_DeadLetterKeepsHeadersAndTellsWhy()
    {
        RequireServer();
        var bus = Fixture.Create();
        var stream = Unique("poison");
        var id = await bus.PublishAsync(stream, new BusMessage("Poison", "p", new Dictionary<string, string> { ["runId"] = "run_9" }));
        var options = Now with { MaxDeliveries = 1 };
        Assert.Single(await bus.ReadAsync(stream, "g", "c", options));
        await Task.Delay(options.Lease + TimeSpan.FromMilliseconds(300));

        Assert.Empty(await bus.ReadAsync(stream, "g", "c", options with { Block = TimeSpan.FromMilliseconds(300) }));

        var dead = Assert.Single(await bus.ReadAsync(stream + ":dead", "inspect", "c", Now with { Block = TimeSpan.FromSeconds(2) })).Message;
        Assert.Equal(("Poison", "p", "run_9"), (dead.Type, dead.Body, dead.Headers!["runId"]));
        Assert.Equal((stream, id, "g", "1", "max-deliveries"),
            (dead.Headers["dead-stream"], dead.Headers["dead-id"], dead.Headers["dead-group"], dead.Headers["dead-deliveries"], dead.Headers["dead-reason"]));
        Assert.Equal(0, await bus.GetLagAsync(stream, "g"));
    }

    [Fact]
    public async Task Publish_NameWithDotsStarsAndSpaces_RoundTrips()
    {
        RequireServer();
        var bus = Fixture.Create();
        var stream = Unique("runs.events *>") + " x";

        var id = await bus.PublishAsync(stream, new BusMessage("RunStarted", "{}"));

        var read = Assert.Single(await bus.ReadAsync(stream, "group.with:colon", "c", Now));
        Assert.Equal((stream, "group.with:colon", id), (read.Stream, read.Group, read.Id));
    }
}
