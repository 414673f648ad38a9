using Microsoft.Extensions.Options;
using Noa.Credentials;
using StackExchange.Redis;

namespace Noa.EventBus.Redis;

/// <summary>
/// The connections of the bus: one shared, multiplexed connection for every non-blocking command, opened on
/// first use, and dedicated connections for blocking reads, each with a timeout longer than a block slice.
/// </summary>
internal sealed class RedisConnector(IOptions<RedisBusSettings> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SecretFile? _password = SecretFile.From(options.Value.PasswordFile, "Noa:Bus:Redis:PasswordFile");
    private ConnectionMultiplexer? _shared;

    public RedisBusSettings Settings { get; } = options.Value;

    public async Task<IDatabase> DatabaseAsync()
    {
        if (_shared is { } ready)
            return ready.GetDatabase();
        await _gate.WaitAsync();
        try
        {
            _shared ??= await ConnectionMultiplexer.ConnectAsync(Configuration("noa-bus"));
            return _shared.GetDatabase();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A connection of its own for blocking commands; no pub/sub, so it is one socket.</summary>
    public async Task<ConnectionMultiplexer> ConnectDedicatedAsync()
    {
        var config = Configuration("noa-bus-block");
        var timeout = (int)(Settings.BlockSlice + TimeSpan.FromSeconds(5)).TotalMilliseconds;
        config.AsyncTimeout = config.SyncTimeout = timeout;
        config.CommandMap = CommandMap.Create(["SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE"], available: false);
        return await ConnectionMultiplexer.ConnectAsync(config);
    }

    internal ConfigurationOptions Configuration(string clientName)
    {
        var config = ConfigurationOptions.Parse(Settings.ConnectionString);
        SecretFile.RefuseInline(!string.IsNullOrEmpty(config.Password), "The Redis connection string (Noa:Bus:Redis:ConnectionString)", "PasswordFile");
        config.ClientName = clientName;
        config.AbortOnConnectFail = false;
        if (Settings.User is { Length: > 0 } user)
            config.User = user;
        // Not copied into the options: the multiplexer asks its defaults at every (re)connect, so a rotated file is read.
        if (_password is { } password)
            config.Defaults = new SecretFileDefaults(password);
        return config;
    }

    public async ValueTask DisposeAsync()
    {
        if (_shared is { } shared)
            await shared.DisposeAsync();
        _gate.Dispose();
    }
}
