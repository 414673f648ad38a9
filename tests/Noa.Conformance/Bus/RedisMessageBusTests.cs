using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.EventBus.Redis;
using StackExchange.Redis;

namespace Noa.Conformance;

/// <summary>What the Redis Streams bus does beyond the port: trimming, dead-letter fields, the in-flight cap, readiness.</summary>
public sealed class RedisMessageBusTests(RedisBusFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<RedisBusFixture>(fixture, output)
{
    private static readonly ConsumeOptions Now = new() { Block = TimeSpan.Zero, Lease = TimeSpan.FromMilliseconds(300), MaxMessages = 10 };

    [Fact]
    public async Task Publish_PastMaxLength_TrimsTheStreamToAboutMaxLength()
    {
        RequireServer();
        var bus = Fixture.Create(s => s.MaxLength = 100);
        var stream = Unique("trim");
        for (var i = 0; i < 1_000; i++)
            await bus.PublishAsync(stream, new BusMessage("T", $"{i}"));

        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisBusFixture.Address);
        var length = await redis.GetDatabase().StreamLengthAsync(stream);
        await redis.GetDatabase().KeyDeleteAsync(stream);

        // MAXLEN ~ drops whole radix-tree nodes (100 entries each by default), so it keeps at least 100 and not much more.
        Assert.InRange(length, 100, 300);
    }

    [Fact]
    public async Task Read_PastMaxDeliveries_DeadLetterKeepsFieldsAndTellsWhy()
    {
        RequireServer();
        var bus = Fixture.Create();
        var stream = Unique("poison");
        var id = await bus.PublishAsync(stream, new BusMessage("Poison", "p", new Dictionary<string, string> { ["runId"] = "run_9" }));
        var options = Now with { MaxDeliveries = 1 };
        Assert.Single(await bus.ReadAsync(stream, "g", "c", options));
        await Task.Delay(options.Lease + TimeSpan.FromMilliseconds(200));

        Assert.Empty(await bus.ReadAsync(stream, "g", "c", options));

        var dead = Assert.Single(await bus.ReadAsync(stream + ":dead", "inspect", "c", Now)).Message;
        Assert.Equal(("Poison", "p", "run_9"), (dead.Type, dead.Body, dead.Headers!["runId"]));
        Assert.Equal((stream, id, "g", "1", "max-deliveries"),
            (dead.Headers["dead-stream"], dead.Headers["dead-id"], dead.Headers["dead-group"], dead.Headers["dead-deliveries"], dead.Headers["dead-reason"]));
    }

    [Fact]
    public async Task Read_InFlightCapReached_ReadsNoMoreUntilAnAck()
    {
        RequireServer();
        var bus = Fixture.Create(s => s.MaxInFlightPerConsumer = 2);
        var stream = Unique("cap");
        for (var i = 0; i < 5; i++)
            await bus.PublishAsync(stream, new BusMessage("T", $"{i}"));

        var first = await bus.ReadAsync(stream, "g", "c", Now);
        Assert.Equal(["0", "1"], first.Select(d => d.Message.Body));
        Assert.Empty(await bus.ReadAsync(stream, "g", "c", Now));
        Assert.Single(await bus.ReadAsync(stream, "g", "other", Now with { MaxMessages = 1 }));

        await bus.AckAsync(first[0]);

        Assert.Equal("3", Assert.Single(await bus.ReadAsync(stream, "g", "c", Now)).Message.Body);
    }

    [Fact]
    public async Task Read_InFlightCapReached_FreesSlotsWhenLeasesRunOut()
    {
        RequireServer();
        var bus = Fixture.Create(s => s.MaxInFlightPerConsumer = 1);
        var stream = Unique("cap");
        await bus.PublishAsync(stream, new BusMessage("T", "a"));
        await bus.PublishAsync(stream, new BusMessage("T", "b"));
        Assert.Single(await bus.ReadAsync(stream, "g", "c", Now));

        await Task.Delay(Now.Lease + TimeSpan.FromMilliseconds(200));

        // The expired lease frees the slot, and the read takes the expired entry back first.
        var again = Assert.Single(await bus.ReadAsync(stream, "g", "c", Now));
        Assert.Equal(("a", 2), (again.Message.Body, again.DeliveryCount));
    }

    [Fact]
    public async Task GetLag_GroupNeverRead_CountsTheStream()
    {
        RequireServer();
        var bus = Fixture.Create();
        var stream = Unique("lag");
        Assert.Equal(0, await bus.GetLagAsync(stream, "g"));
        await bus.PublishAsync(stream, new BusMessage("T", "a"));
        await bus.PublishAsync(stream, new BusMessage("T", "b"));

        Assert.Equal(2, await bus.GetLagAsync(stream, "g"));
    }

    [Fact]
    public async Task AddRedisBus_RegistersOneReadinessCheck()
    {
        RequireServer();
        var services = new ServiceCollection().AddLogging();
        services.AddRedisBus(s => s.ConnectionString = RedisBusFixture.Address);
        services.AddRedisBus(s => s.ConnectionString = RedisBusFixture.Address);
        await using var provider = services.BuildServiceProvider();

        var registration = Assert.Single(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal("redis-bus", registration.Name);
        Assert.Contains("ready", registration.Tags);
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task Connect_PasswordFile_TakesThePasswordFromTheFile()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "s3cret\n");
        try
        {
            await using var connector = new RedisConnector(Options.Create(new RedisBusSettings { ConnectionString = "10.0.0.1:6380", PasswordFile = file }));

            var config = connector.Configuration("noa-bus");

            Assert.Equal("s3cret", config.Password);
            Assert.Equal("10.0.0.1:6380", Assert.Single(config.EndPoints).ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Metrics_CountPublishedDeliveredAckedPerStream()
    {
        RequireServer();
        var bus = Fixture.Create();
        var stream = Unique("metrics");
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Noa.EventBus.Redis")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "stream" && Equals(tag.Value, stream))
                    counts.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
            }
        });
        listener.Start();

        await bus.PublishAsync(stream, new BusMessage("T", "a"));
        await bus.PublishAsync(stream, new BusMessage("T", "b"));
        foreach (var d in await bus.ReadAsync(stream, "g", "c", Now))
            await bus.AckAsync(d);

        Assert.Equal((2L, 2L, 2L), (counts["noa.bus.published"], counts["noa.bus.delivered"], counts["noa.bus.acked"]));
    }
}
