namespace Noa.EventBus.Redis;

/// <summary>How a read of an empty stream waits for entries.</summary>
public enum RedisReadMode
{
    /// <summary><c>XREADGROUP … BLOCK</c> on a pooled connection of its own (StackExchange.Redis multiplexes one
    /// connection, which a blocking command would stall): the server wakes the read at the append.</summary>
    Blocking,

    /// <summary>Non-blocking reads on the shared connection, pausing 1 ms and backing off up to
    /// <see cref="RedisBusSettings.PollMaxDelay"/> while the stream stays empty.</summary>
    Polling,
}
