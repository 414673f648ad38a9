namespace Noa.Bench.Bus;

/// <summary>One measured row: how many tasks went through, how fast, and their enqueue→ack latencies.</summary>
internal sealed record BenchResult(string Scenario, string Mode, int Workers, int Tasks, double TasksPerSecond, double P50Ms, double P99Ms, double MaxMs)
{
    public static BenchResult From(string scenario, string mode, int workers, double seconds, long[] latencyTicks)
    {
        var sorted = latencyTicks.ToArray();
        Array.Sort(sorted);
        double Ms(double q) => sorted.Length == 0 ? double.NaN
            : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        return new BenchResult(scenario, mode, workers, sorted.Length, sorted.Length / seconds, Ms(0.50), Ms(0.99), Ms(1.0));
    }
}
