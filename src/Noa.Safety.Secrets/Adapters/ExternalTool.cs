using System.Diagnostics;

namespace Noa.Safety.Secrets.Adapters;

/// <summary>Finds and runs a scanner executable.</summary>
internal static class ExternalTool
{
    /// <summary>The configured path when it exists, else the first <paramref name="name"/> on PATH.</summary>
    public static string? Locate(string? configured, string name)
    {
        if (configured is not null) { return File.Exists(configured) ? Path.GetFullPath(configured) : null; }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) { return candidate; }
        }
        return null;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string executable, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) { start.ArgumentList.Add(a); }
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) { start.Environment[k] = v; }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            return (-1, "", $"timed out after {timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public static string Excerpt(string s) => s.Length <= 600 ? s.Trim() : s[..600].Trim() + "…";
}
