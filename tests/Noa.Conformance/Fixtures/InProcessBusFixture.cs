using Microsoft.Extensions.Time.Testing;
using Noa.EventBus.InProcess;

namespace Noa.Conformance;

/// <summary>Fresh in-process buses on a fake clock, so lease expiry is a clock advance, not a wait.</summary>
public sealed class InProcessBusFixture : IMessageBusFixture
{
    /// <inheritdoc />
    public string? Unavailable => null;

    /// <inheritdoc />
    public Task<BusUnderTest> CreateAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return Task.FromResult(new BusUnderTest(new InProcessMessageBus(time), TimeSpan.FromSeconds(30), by =>
        {
            time.Advance(by);
            return Task.CompletedTask;
        }));
    }
}
