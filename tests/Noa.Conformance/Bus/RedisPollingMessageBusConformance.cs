
namespace Noa.Conformance;

/// <summary>The bus conformance suite against Redis Streams, reads polling the shared connection.</summary>
public sealed class RedisPollingMessageBusConformance(RedisPollingBusFixture fixture, ITestOutputHelper output)
    : MessageBusConformance<RedisPollingBusFixture>(fixture, output);
