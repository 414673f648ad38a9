using System.Diagnostics;
using System.Globalization;

namespace Noa.Bench.Bus;

/// <summary>The server's own XADD rate from <c>redis-benchmark</c> (50 clients, no pipelining): the ceiling the bus is set against.</summary>
internal static class RedisCeiling
{
    public static async Task<(double RequestsPerSecond, string Command)> MeasureAsync(string host, int port, int requests)
    {
        var key = $"noa-bench-ceiling-{Guid.NewGuid():N}";
        var args = $"-h {host} -p {port} -n {requests} --csv XADD {key} * f v";
        var start = new ProcessStartInfo("redis-benchmark", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-benchmark did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        await RunAsync("redis-cli", $"-h {host} -p {port} DEL {key}");
        // --csv prints a header line and then "XADD …","<rps>",…
        foreach (var line in output.Split('\n'))
        {
            var cells = line.Split(',');
            if (cells.Length > 1 && cells[0].StartsWith("\"XADD", StringComparison.Ordinal))
                return (double.Parse(cells[1].Trim('"'), CultureInfo.InvariantCulture), $"redis-benchmark -h {host} -p {port} -n {requests} XADD bench '*' f v");
        }
        throw new InvalidOperationException($"unexpected redis-benchmark output: {output}");
    }

    private static async Task RunAsync(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true });
        if (process is not null)
            await process.WaitForExitAsync();
    }
}
