
namespace Noa.Conformance;

/// <summary>The bus conformance suite against Redis Streams, reads blocking on dedicated connections.</summary>
public sealed class RedisMessageBusConformance(RedisBusFixture fixture, ITestOutputHelper output)
    : MessageBusConformance<RedisBusFixture>(fixture, output);
