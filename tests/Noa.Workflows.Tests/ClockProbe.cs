using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Noa.Workflows.Tests;

/// <summary>
/// A fake clock that also reports every timer created on it, so a test can advance time by exactly
/// the delay the engine asked for (and assert it) instead of sleeping or guessing.
/// </summary>
internal sealed class ClockProbe : TimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (really, but briefly) for the engine to create a timer matching <paramref name="match"/>, and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var due = await _created.Reader.ReadAsync(limit.Token);
            if (match(due))
                return due;
        }
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);
}
