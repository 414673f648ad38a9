using System.Diagnostics;

/// <summary>Times calls and prints p50/p99/mean.</summary>
internal static class Latency
{
    public static async Task<List<double>> MeasureAsync<T>(int count, Func<int, Task<T>> call, Action<int, T>? keep = null)
    {
        for (var i = 0; i < Math.Min(5, count); i++)
            await call(i);
        var milliseconds = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = await call(i);
            milliseconds.Add(watch.Elapsed.TotalMilliseconds);
            keep?.Invoke(i, result);
        }
        return milliseconds;
    }

    public static string Summary(List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        double P(double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1)];
        return $"p50 {P(0.5):F2} ms, p99 {P(0.99):F2} ms, mean {sorted.Average():F2} ms";
    }
}
