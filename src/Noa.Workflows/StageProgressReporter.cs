using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// Turns a stage's progress reports into <c>StageProgressed</c> events, at most one per
/// <see cref="MinInterval"/> (plus the report that reaches the total), so a tight loop cannot flood the bus.
/// </summary>
internal sealed class StageProgressReporter(RunJournal journal, string stage, int attempt, TimeProvider time) : IProgress<StageProgress>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private DateTimeOffset? _last;

    public void Report(StageProgress value)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var finished = value.Total is { } total && value.Done >= total;
            if (_last is { } last && now - last < MinInterval && !finished)
                return;
            _last = now;
        }
        journal.Progress(stage, attempt, value);
    }
}
