using Microsoft.Extensions.Time.Testing;
using Noa.EventBus.InProcess;

namespace Noa.Conformance;

/// <summary>Fresh in-process delay queues on a fake clock, so a due time is a clock advance, not a wait.</summary>
public sealed class InProcessDelayQueueFixture : IDelayQueueFixture
{
    /// <inheritdoc />
    public string? Unavailable => null;

    /// <inheritdoc />
    public Task<DelayQueueUnderTest> CreateAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return Task.FromResult(new DelayQueueUnderTest(new InProcessDelayQueue(time), time.GetUtcNow, TimeSpan.FromSeconds(30), by =>
        {
            time.Advance(by);
            return Task.CompletedTask;
        }));
    }
}
