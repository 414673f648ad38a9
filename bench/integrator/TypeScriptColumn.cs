using System.Diagnostics;
using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.TypeScript;

/// <summary>The TypeScript SDK of one spec: generation time, size, and (given tsc) whether <c>tsc --strict --noEmit</c> accepts it.</summary>
internal static class TypeScriptColumn
{
    internal sealed record Result(string Row, string Verdict, double Seconds, int Lines);

    public static async Task<Result> RunAsync(string name, ApiModel model, string folder, string? tsc)
    {
        var clock = Stopwatch.StartNew();
        var files = TypeScriptGenerator.Generate(model);
        var generate = clock.Elapsed.TotalSeconds;
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file.Content);
        }
        var lines = files.Sum(f => f.Content.Count(c => c == '\n'));
        var (verdict, seconds) = tsc is null ? ("not run", 0.0) : await TscAsync(tsc, folder);
        return new($"| {name} | {generate:F2} | {files.Count} | {lines:N0} | {verdict} | {seconds:F1} |", verdict, generate, lines);
    }

    private static async Task<(string, double)> TscAsync(string tsc, string folder)
    {
        var start = new ProcessStartInfo(tsc) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-p", ".", "--strict", "--noEmit" })
            start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var errors = (await stdout).Split('\n').Count(l => l.Contains("error TS", StringComparison.Ordinal));
        var first = (await stdout).Split('\n').FirstOrDefault(l => l.Contains("error TS", StringComparison.Ordinal)) ?? (await stderr).Trim();
        return (process.ExitCode == 0 ? "pass" : $"fail: {errors:N0} errors, first: {first.Replace('|', '/')}", clock.Elapsed.TotalSeconds);
    }
}
