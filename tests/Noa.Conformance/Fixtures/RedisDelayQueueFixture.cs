namespace Noa.Conformance;

/// <summary>Delay queues on the Redis test server (see <see cref="RedisBusFixture"/>), in real time with short delays.</summary>
public sealed class RedisDelayQueueFixture : RedisBusFixture, IDelayQueueFixture
{
    /// <inheritdoc />
    async Task<DelayQueueUnderTest> IDelayQueueFixture.CreateAsync()
    {
        var queue = CreateDelayQueue();
        // Connect (and load the scripts) before a test takes "now": the first connection can take longer than a step,
        // and a due time computed before it would already have passed when the test first claims.
        await queue.CancelAsync("noa-warm-up", "none");
        await queue.ClaimDueAsync("noa-warm-up", 1, TimeSpan.FromSeconds(1));
        return new DelayQueueUnderTest(queue, () => DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(500), by => Task.Delay(by));
    }
}
