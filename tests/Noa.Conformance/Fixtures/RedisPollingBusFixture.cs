using Noa.EventBus.Redis;

namespace Noa.Conformance;

/// <summary>Redis Streams buses whose reads poll instead of blocking on a dedicated connection.</summary>
public sealed class RedisPollingBusFixture : RedisBusFixture
{
    /// <inheritdoc />
    protected override RedisReadMode Mode => RedisReadMode.Polling;
}
