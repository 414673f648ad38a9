
namespace Noa.Conformance;

/// <summary>The delay queue conformance suite against Redis, in real time.</summary>
public sealed class RedisDelayQueueConformance(RedisDelayQueueFixture fixture, ITestOutputHelper output)
    : DelayQueueConformance<RedisDelayQueueFixture>(fixture, output);
