using System.Diagnostics;
using System.Text.RegularExpressions;

/// <summary>
/// Kiota (the <c>Microsoft.OpenApi.Kiota</c> dotnet tool) on the same document, per language: generation time, files,
/// lines, operations it generated a method for, and the strongest check that runs here. Kiota's SDKs import its runtime
/// packages: TypeScript's come from npm (<c>@microsoft/kiota-bundle</c>, installed by bench/integrator.sh), so its output
/// gets the same <c>tsc --strict --noEmit</c> as ours; Python's (<c>kiota_abstractions</c>, PyPI) and Go's
/// (<c>github.com/microsoft/kiota-abstractions-go</c>, the Go module proxy) do not install here, so those get a syntax
/// check only (<c>python3 -m compileall</c>, <c>gofmt -e</c>), said so in the verdict.
/// </summary>
internal static partial class KiotaColumn
{
    internal sealed record Result(string Language, string Verdict, double GenerateSeconds, int Files, int Lines, int Operations, double CheckSeconds)
    {
        public bool Compiles => Verdict.StartsWith("pass", StringComparison.Ordinal);
    }

    public static readonly string[] Languages = ["python", "typescript", "go"];

    public static async Task<Result> RunAsync(string kiota, string spec, string language, string folder, string? tsc, string? nodeModules)
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        var clock = Stopwatch.StartNew();
        var (code, output) = await RunAsync(kiota, ["generate", "-d", spec, "-l", language, "-o", folder, "-c", "ApiClient", "-n", "apisdk", "--ll", "Error", "--co"], Path.GetTempPath());
        var generate = clock.Elapsed.TotalSeconds;
        var files = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(IsSource(language)).ToList() : [];
        if (code != 0 || files.Count == 0)
            return new(language, $"generation failed: {Last(output)}", generate, 0, 0, 0, 0);
        var lines = 0;
        var operations = 0;
        var pattern = OperationPattern(language);
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file);
            lines += text.Count(c => c == '\n');
            operations += pattern.Count(text);
        }
        clock.Restart();
        var verdict = language switch
        {
            "typescript" when tsc is not null && nodeModules is not null => await TscAsync(tsc, folder, nodeModules),
            "python" => Verdict(await RunAsync("python3", ["-m", "compileall", "-q", "."], folder), "syntax only: kiota_abstractions is on PyPI"),
            "go" => await GofmtAsync(folder),
            _ => "not run",
        };
        return new(language, verdict, generate, files.Count, lines, operations, clock.Elapsed.TotalSeconds);
    }

    private static Func<string, bool> IsSource(string language) => language switch
    {
        "python" => f => f.EndsWith(".py", StringComparison.Ordinal),
        "typescript" => f => f.EndsWith(".ts", StringComparison.Ordinal),
        _ => f => f.EndsWith(".go", StringComparison.Ordinal),
    };

    // One method per operation: Python `async def get(self,`, TypeScript `get(…requestConfiguration?…)` in the request
    // builder interface, Go `func (m *XRequestBuilder) Get(ctx context.Context`.
    private static Regex OperationPattern(string language) => language switch
    {
        "python" => PythonOperation(),
        "typescript" => TypeScriptOperation(),
        _ => GoOperation(),
    };

    [GeneratedRegex(@"^    async def (get|put|post|delete|options|head|patch|trace)\(self", RegexOptions.Multiline)]
    private static partial Regex PythonOperation();

    [GeneratedRegex(@"^\s+(get|put|post|delete|options|head|patch|trace)\((body[^)]*, )?requestConfiguration\?", RegexOptions.Multiline)]
    private static partial Regex TypeScriptOperation();

    [GeneratedRegex(@"^func \(m \*\w+RequestBuilder\) (Get|Put|Post|Delete|Options|Head|Patch|Trace)\(ctx context\.Context", RegexOptions.Multiline)]
    private static partial Regex GoOperation();

    private static async Task<string> TscAsync(string tsc, string folder, string nodeModules)
    {
        // Kiota writes no package.json or tsconfig.json: the settings below are the ones its docs give for ESM output.
        await File.WriteAllTextAsync(Path.Combine(folder, "tsconfig.json"),
            """{"compilerOptions":{"target":"ES2022","module":"NodeNext","moduleResolution":"NodeNext","strict":true,"noEmit":true,"skipLibCheck":true},"include":["**/*.ts"]}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "package.json"), """{"type":"module","private":true}""");
        File.CreateSymbolicLink(Path.Combine(folder, "node_modules"), nodeModules);
        var (code, output) = await RunAsync(tsc, ["-p", "."], folder);
        if (code == 0)
            return "pass";
        var errors = output.Split('\n').Where(l => l.Contains("error TS", StringComparison.Ordinal)).ToList();
        return $"fail: {errors.Count:N0} errors, first: {(errors.FirstOrDefault() ?? Last(output)).Replace('|', '/')}";
    }

    private static async Task<string> GofmtAsync(string folder)
    {
        var (code, output) = await RunAsync("gofmt", ["-e", "-l", "."], folder);
        return code == 0 && !output.Contains(".go:", StringComparison.Ordinal)
            ? "pass (syntax only: kiota-abstractions-go is on the Go module proxy)"
            : $"fail: {Last(output)}";
    }

    private static string Verdict((int Code, string Output) run, string note) =>
        run.Code == 0 ? $"pass ({note})" : $"fail: {Last(run.Output)}";

    private static string Last(string output) =>
        (output.TrimEnd().Split('\n').LastOrDefault() ?? "").Trim().Replace('|', '/');

    private static async Task<(int, string)> RunAsync(string tool, string[] arguments, string folder)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        // no update check, telemetry or tutorial hints: the run is offline and measured
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        start.Environment["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
