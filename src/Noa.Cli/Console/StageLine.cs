namespace Noa.Cli.Console;

/// <summary>What the progress view knows of one stage.</summary>
internal sealed class StageLine(string stage)
{
    public string Stage { get; } = stage;
    public string Status { get; set; } = "pending";
    public int Attempt { get; set; }
    public long? Done { get; set; }
    public long? Total { get; set; }
    public string? Unit { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    private (DateTimeOffset At, long Done)? _first;
    private DateTimeOffset _last;

    /// <summary>Records a progress report; the first one of a run of reports starts the rate clock.</summary>
    public void Progressed(long? done, long? total, string? unit, DateTimeOffset at)
    {
        if (done is { } d && (_first is null || d < _first.Value.Done || unit != Unit))
            _first = (at, d);
        (Done, Total, Unit, _last) = (done, total, unit, at);
    }

    private int _decile;

    /// <summary>Whether the progress has reached a tenth not reported yet (it then counts as reported).</summary>
    public bool TakeDecile()
    {
        if (Done is not { } done || Total is not > 0)
            return false;
        var decile = (int)(10 * done / Total.Value);
        if (decile <= _decile)
            return false;
        _decile = decile;
        return true;
    }

    /// <summary>Units per second since the first report, once a second has passed.</summary>
    public double? Rate => _first is { } f && Done is { } d && (_last - f.At).TotalSeconds >= 1 && d > f.Done
        ? (d - f.Done) / (_last - f.At).TotalSeconds : null;

    /// <summary>"[####------] 1,200/5,000 chunks (24%) 21.3/s ETA 3m02s", shortened to what is known.</summary>
    public string Progress
    {
        get
        {
            if (Done is not { } done)
                return "";
            if (Total is not > 0)
                return Rate is { } r0 ? $"{done:N0} {Unit} {r0:F1}/s" : $"{done:N0} {Unit}";
            var share = Math.Clamp((double)done / Total.Value, 0, 1);
            var filled = (int)Math.Round(share * 10);
            var text = $"[{new string('#', filled)}{new string('-', 10 - filled)}] {done:N0}/{Total:N0} {Unit} ({100 * share:F0}%)";
            if (Rate is { } rate && done < Total)
                text += $" {rate:F1}/s ETA {Format(TimeSpan.FromSeconds((Total.Value - done) / rate))}";
            return text;
        }
    }

    public string Elapsed(DateTimeOffset now) =>
        StartedAt is null ? "" : Format((EndedAt ?? now) - StartedAt.Value);

    public static string Format(TimeSpan span) =>
        span.TotalSeconds < 60 ? $"{span.TotalSeconds:F1}s" : $"{(int)span.TotalMinutes}m{span.Seconds:D2}s";
}
