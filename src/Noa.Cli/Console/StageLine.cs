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

    public string Progress => Done is null ? "" :
        Total is > 0 ? $"{Done:N0}/{Total:N0} {Unit} ({100.0 * Done.Value / Total.Value:F0}%)" : $"{Done:N0} {Unit}";

    public string Elapsed(DateTimeOffset now) =>
        StartedAt is null ? "" : Format((EndedAt ?? now) - StartedAt.Value);

    public static string Format(TimeSpan span) =>
        span.TotalSeconds < 60 ? $"{span.TotalSeconds:F1}s" : $"{(int)span.TotalMinutes}m{span.Seconds:D2}s";
}
