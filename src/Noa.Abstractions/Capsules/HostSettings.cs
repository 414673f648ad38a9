using System.Diagnostics;

namespace Noa.Abstractions;

/// <summary>
/// Where <see cref="PackageRegistries"/> reads a host's configuration: its home folder, its <c>/etc</c>, its environment, and its
/// tools (run with that home and environment, a few seconds at most each). Tests give a folder of their own.
/// </summary>
/// <param name="Home">The user's home folder, or null.</param>
/// <param name="Etc">The system configuration folder (<c>/etc</c>).</param>
/// <param name="Environment">The environment the tools see.</param>
public sealed record HostSettings(string? Home, string Etc, IReadOnlyDictionary<string, string> Environment)
{
    private static readonly TimeSpan ToolTime = TimeSpan.FromSeconds(15);

    /// <summary>This process's home, <c>/etc</c> and environment.</summary>
    public static HostSettings Current => new(
        System.Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : null,
        "/etc",
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal));

    /// <summary>A tool's standard output when it exits 0 within a few seconds; null when it is not installed or fails.</summary>
    public string? Run(string tool, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        info.Environment.Clear();
        foreach (var (k, v) in Environment)
            info.Environment[k] = v;
        if (Home is not null)
            info.Environment["HOME"] = Home;
        try
        {
            using var process = Process.Start(info);
            if (process is null)
                return null;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ToolTime))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? output.GetAwaiter().GetResult() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }
}
