using System.Diagnostics;
using System.Globalization;

namespace Noa.Bench.Capsule;

/// <summary>Times from start to the first byte of output, and their percentiles.</summary>
internal static class Latency
{
    public static async Task<List<TimeSpan>> OfAsync(int runs, Func<Task<TimeSpan>> once)
    {
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
            times.Add(await once());
        return times;
    }

    public static Task<List<TimeSpan>> OfProcessAsync(int runs, string program, string[] args) => OfAsync(runs, async () =>
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var buffer = new char[1];
        await process.StandardOutput.ReadAsync(buffer);
        var first = Stopwatch.GetElapsedTime(started);
        await process.WaitForExitAsync();
        return first;
    });

    public static async Task<string> RunAsync(string program, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    public static string Row(string what, List<TimeSpan> times)
    {
        var ms = times.Select(t => t.TotalMilliseconds).Order().ToArray();
        double P(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
        var row = string.Create(CultureInfo.InvariantCulture, $"| {what} | {P(0.50):0.0} | {P(0.99):0.0} | {ms.Average():0.0} |");
        Console.Error.WriteLine(row);
        return row;
    }
}
