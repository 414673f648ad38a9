using System.Diagnostics;
using System.Text;

namespace Noa.IntegrationTests;

/// <summary>Runs the real <c>noa</c> executable (built beside the tests) as a child process.</summary>
internal sealed class NoaProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "noa.dll");

    public static ProcessStartInfo StartInfo(string home, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["NOA_HOME"] = home;
        info.Environment["NO_COLOR"] = "1";
        // Sources of thousands of generated files: embedding them all would dominate the tests' time.
        info.Environment["Noa__Embeddings__MaxChunks"] = "300";
        return info;
    }

    public static Task<NoaResult> RunAsync(string home, params string[] args) => RunAsync(home, new Dictionary<string, string>(), args);

    /// <summary>Runs noa with extra environment variables (configuration keys such as <c>Noa__Bundles__Provider</c>).</summary>
    public static async Task<NoaResult> RunAsync(string home, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = StartInfo(home, args);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new NoaResult(process.ExitCode, await stdout, await stderr);
    }
}
