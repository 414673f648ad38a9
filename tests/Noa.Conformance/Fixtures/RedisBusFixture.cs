using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.EventBus.Redis;
using StackExchange.Redis;

namespace Noa.Conformance;

/// <summary>
/// Redis Streams buses on the server at <c>NOA_TEST_REDIS</c> (default <c>127.0.0.1:6379</c>), built through
/// <see cref="Extensions.AddRedisBus"/>. Leases are short and real: <c>Elapse</c> waits.
/// </summary>
public class RedisBusFixture : IMessageBusFixture, IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>The server's address.</summary>
    public static string Address => Environment.GetEnvironmentVariable("NOA_TEST_REDIS") is { Length: > 0 } a ? a : "127.0.0.1:6379";

    /// <inheritdoc />
    public string? Unavailable { get; private set; }

    /// <summary>How reads wait; the polling fixture overrides it.</summary>
    protected virtual RedisReadMode Mode => RedisReadMode.Blocking;

    /// <summary>A bus on the test server with these settings on top of the fixture's.</summary>
    public IMessageBus Create(Action<RedisBusSettings>? configure = null) => Provider(configure).GetRequiredService<IMessageBus>();

    /// <summary>A delay queue on the test server, registered with the bus.</summary>
    public IDelayQueue CreateDelayQueue() => Provider(null).GetRequiredService<IDelayQueue>();

    private ServiceProvider Provider(Action<RedisBusSettings>? configure)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddRedisBus(s =>
        {
            s.ConnectionString = Address;
            s.ReadMode = Mode;
            configure?.Invoke(s);
        });
        var provider = services.BuildServiceProvider();
        lock (_providers)
            _providers.Add(provider);
        return provider;
    }

    /// <inheritdoc />
    public Task<BusUnderTest> CreateAsync() =>
        Task.FromResult(new BusUnderTest(Create(), TimeSpan.FromMilliseconds(300), by => Task.Delay(by)));

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        try
        {
            var config = ConfigurationOptions.Parse(Address);
            config.AbortOnConnectFail = true;
            config.ConnectTimeout = 2000;
            await using var probe = await ConnectionMultiplexer.ConnectAsync(config);
            await probe.GetDatabase().PingAsync();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Unavailable = $"Redis is not reachable at {Address} ({e.GetType().Name})";
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
            await provider.DisposeAsync();
    }
}
