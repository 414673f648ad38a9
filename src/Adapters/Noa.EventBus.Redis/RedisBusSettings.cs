namespace Noa.EventBus.Redis;

/// <summary>Settings of the Redis Streams bus (section <c>Noa:Bus:Redis</c>).</summary>
public sealed class RedisBusSettings
{
    /// <summary>A StackExchange.Redis configuration string without the password, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string ConnectionString { get; set; } = "127.0.0.1:6379";

    /// <summary>The ACL user name, when the server wants one (the password then is that user's).</summary>
    public string? User { get; set; }

    /// <summary>A file holding the password (<c>/run/secrets/redis-password</c>); passwords are never taken from plain settings.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Leaves out the readiness check that pings the server.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>Each publish trims its stream to about this many entries (<c>XADD … MAXLEN ~</c>); 0 keeps everything.</summary>
    public long MaxLength { get; set; } = 100_000;

    /// <summary>At most this many deliveries a consumer holds unacknowledged (with a live lease); a read returns
    /// no more than the free slots, so a slow worker stops pulling work instead of hoarding it.</summary>
    public int MaxInFlightPerConsumer { get; set; } = 256;

    /// <summary>How a read waits for new entries.</summary>
    public RedisReadMode ReadMode { get; set; } = RedisReadMode.Blocking;

    /// <summary>In <see cref="RedisReadMode.Blocking"/> mode, at most this many reads wait at once, each on its own
    /// connection; further waiting reads poll.</summary>
    public int MaxBlockingConnections { get; set; } = 64;

    /// <summary>A blocking wait lasts at most this long before the read reclaims expired leases and waits again.</summary>
    public TimeSpan BlockSlice { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between two polls of an empty stream (polls back off from 1 ms up to this).</summary>
    public TimeSpan PollMaxDelay { get; set; } = TimeSpan.FromMilliseconds(20);
}
