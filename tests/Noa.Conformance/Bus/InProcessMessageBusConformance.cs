using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.EventBus.InProcess;

namespace Noa.Conformance;

/// <summary>The bus conformance suite against the in-process bus, plus its stream length cap.</summary>
public sealed class InProcessMessageBusConformance(InProcessBusFixture fixture, ITestOutputHelper output)
    : MessageBusConformance<InProcessBusFixture>(fixture, output)
{
    [Fact]
    public async Task Publish_PastMaxStreamLength_TrimsOldestButPendingEntriesStayAcknowledgeable()
    {
        var bus = new InProcessMessageBus(TimeProvider.System, maxStreamLength: 10);
        await bus.PublishAsync("s", new BusMessage("T", "0"));
        var early = Assert.Single(await bus.ReadAsync("s", "early", "c", new ConsumeOptions()));

        for (var i = 1; i < 30; i++)
            await bus.PublishAsync("s", new BusMessage("T", $"{i}"));

        var late = await bus.ReadAsync("s", "late", "c", new ConsumeOptions { MaxMessages = 100, Block = TimeSpan.Zero });
        Assert.InRange(late.Count, 10, 11);
        Assert.Equal("29", late[^1].Message.Body);
        Assert.Equal(late.Count + 1, await bus.GetLagAsync("s", "early"));
        await bus.AckAsync(early);
        Assert.Equal(late.Count, await bus.GetLagAsync("s", "early"));
    }

    [Fact]
    public async Task AddInProcessBus_Settings_AppliesMaxStreamLength()
    {
        await using var provider = new ServiceCollection().AddInProcessBus(s => s.MaxStreamLength = 5).BuildServiceProvider();
        var bus = provider.GetRequiredService<IMessageBus>();

        for (var i = 0; i < 20; i++)
            await bus.PublishAsync("s", new BusMessage("T", $"{i}"));

        Assert.InRange(await bus.GetLagAsync("s", "g"), 5, 6);
        Assert.Same(bus, provider.GetRequiredService<IMessageBus>());
    }
}
