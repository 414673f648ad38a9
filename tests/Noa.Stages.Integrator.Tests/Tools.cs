using System.Diagnostics;

namespace Noa.Stages.Integrator.Tests;

/// <summary>Runs the real compilers and interpreters the generated SDKs are checked with.</summary>
internal static class Tools
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>The path of <paramref name="tool"/> on PATH, or the test ends as unmet with how to install it.</summary>
    public static string Require(string tool, string install)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, tool);
            if (File.Exists(path))
                return path;
        }
        Requirement.Unmet($"{tool} is not installed ({install})");
        return "";
    }

    /// <summary>tsc as scripts/tools.sh installs it (.cache/tools/bin/tsc, pinned in tools/typescript), else on PATH; or unmet.</summary>
    public static string RequireTsc() =>
        Installed("tsc") ?? Require("tsc", "npm package typescript: make tools (scripts/tools.sh) installs it under .cache/tools/bin");

    /// <summary>prism as scripts/tools.sh installs it (.cache/tools/bin/prism, pinned in tools/prism), else on PATH; or unmet.</summary>
    public static string RequirePrism() =>
        Installed("prism") ?? Require("prism", "npm package @stoplight/prism-cli: make tools (scripts/tools.sh) installs it under .cache/tools/bin");

    /// <summary>The repository's <c>.cache/tools/bin/<paramref name="tool"/></c>, or null when scripts/tools.sh has not installed it.</summary>
    private static string? Installed(string tool)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var local = Path.Combine(dir.FullName, ".cache", "tools", "bin", tool);
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")) && File.Exists(local))
                return local;
        }
        return null;
    }

    /// <summary>The node_modules scripts/tools.sh installs next to tsc (with @opentelemetry/api), or unmet.</summary>
    public static string RequireToolsNodeModules()
    {
        var tsc = new FileInfo(RequireTsc());
        var target = tsc.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? tsc.FullName;
        // .../node_modules/typescript/bin/tsc → .../node_modules
        var modules = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(target)!, "..", ".."));
        if (!Directory.Exists(Path.Combine(modules, "@opentelemetry", "api")))
            Requirement.Unmet($"@opentelemetry/api is not installed next to tsc in {modules} (make tools: scripts/tools.sh installs tools/typescript's lock)");
        return modules;
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish in time:\n{await stdout}\n{await stderr}");
        }
        return new Result(process.ExitCode, (await stdout) + (await stderr));
    }
}
