using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using Noa.Abstractions;
using Noa.EventBus.Nats;

namespace Noa.Conformance;

/// <summary>
/// NATS JetStream buses on the server at <c>NOA_TEST_NATS</c> (default <c>nats://127.0.0.1:4222</c>), built
/// through <see cref="Extensions.AddNatsBus(IServiceCollection, Action{NatsBusSettings})"/> with the flag on.
/// Leases are short and real: <c>Elapse</c> waits.
/// </summary>
public sealed class NatsBusFixture : IMessageBusFixture, IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>The server's URL.</summary>
    public static string Url => Environment.GetEnvironmentVariable("NOA_TEST_NATS") is { Length: > 0 } a
        ? (a.Contains("://", StringComparison.Ordinal) ? a : "nats://" + a)
        : "nats://127.0.0.1:4222";

    /// <inheritdoc />
    public string? Unavailable { get; private set; }

    /// <summary>A bus on the test server with these settings on top of the fixture's.</summary>
    public IMessageBus Create(Action<NatsBusSettings>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddNatsBus(s =>
        {
            s.Enabled = true;
            s.ConnectionString = Url;
            s.Prefix = "noatest";
            configure?.Invoke(s);
        });
        var provider = services.BuildServiceProvider();
        lock (_providers)
            _providers.Add(provider);
        return provider.GetRequiredService<IMessageBus>();
    }

    /// <inheritdoc />
    public Task<BusUnderTest> CreateAsync() =>
        Task.FromResult(new BusUnderTest(Create(), TimeSpan.FromMilliseconds(500), by => Task.Delay(by)));

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        try
        {
            await using var probe = new NatsConnection(NatsOpts.Default with { Url = Url, ConnectTimeout = TimeSpan.FromSeconds(2) });
            await probe.ConnectAsync();
            await probe.PingAsync();
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            Unavailable = $"NATS is not reachable at {Url} ({e.GetType().Name})";
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
            await provider.DisposeAsync();
    }
}
