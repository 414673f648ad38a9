namespace Noa.Conformance;

/// <summary>Delay queues on the Redis test server (see <see cref="RedisBusFixture"/>), in real time with short delays.</summary>
public sealed class RedisDelayQueueFixture : RedisBusFixture, IDelayQueueFixture
{
    /// <inheritdoc />
    Task<DelayQueueUnderTest> IDelayQueueFixture.CreateAsync() =>
        Task.FromResult(new DelayQueueUnderTest(CreateDelayQueue(), () => DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(300), by => Task.Delay(by)));
}
