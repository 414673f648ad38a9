using System.Diagnostics;
using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Python;
using Noa.Yaml;

// Integrator benchmark: for each OpenAPI document given, the time to read it into the model and to generate the Python
// SDK, what the SDK holds, and (with --mypy) whether `mypy --strict` accepts it and how long that takes; then the same for
// the TypeScript SDK (with --tsc PATH: whether `tsc --strict --noEmit` accepts it).
// Usage: Noa.Bench.Integrator [--mypy] [--tsc PATH] [--out DIR] SPEC...
var mypy = args.Contains("--mypy");
var tscIndex = Array.IndexOf(args, "--tsc");
var tsc = tscIndex >= 0 ? args[tscIndex + 1] : null;
var typeScriptRows = new List<string>();
var outIndex = Array.IndexOf(args, "--out");
var output = outIndex >= 0 ? args[outIndex + 1] : Path.Combine(Path.GetTempPath(), "noa-bench-integrator");
var specs = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (outIndex < 0 || i != outIndex + 1) && (tscIndex < 0 || i != tscIndex + 1)).ToList();

Console.WriteLine("| spec | operations | schemas | problems | read + model (s) | generate Python (s) | files | lines | mypy --strict | mypy (s) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|");
foreach (var spec in specs)
{
    var name = Path.GetFileName(spec);
    var clock = Stopwatch.StartNew();
    var loaded = await SpecLoader.LoadAsync(await File.ReadAllTextAsync(spec), name, YamlLimits.Default, CancellationToken.None);
    if (loaded.Document is null)
    {
        Console.WriteLine($"| {name} | — | — | — | refused: {string.Join("; ", loaded.Errors).Replace('|', '/')} | | | | | |");
        continue;
    }
    var model = OpenApiModelReader.Read(loaded.Document);
    var read = clock.Elapsed.TotalSeconds;
    clock.Restart();
    var files = PythonGenerator.Generate(model);
    var generate = clock.Elapsed.TotalSeconds;
    var folder = Path.Combine(output, Path.GetFileNameWithoutExtension(name));
    if (Directory.Exists(folder))
        Directory.Delete(folder, recursive: true);
    foreach (var file in files)
    {
        var path = Path.Combine(folder, file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, file.Content);
    }
    var lines = files.Sum(f => f.Content.Count(c => c == '\n'));
    var (verdict, seconds) = mypy ? await MypyAsync(folder) : ("not run", 0.0);
    Console.WriteLine($"| {name} | {model.Operations.Count:N0} | {model.Schemas.Count:N0} | {model.Problems.Count + loaded.Errors.Count:N0} | {read:F2} | {generate:F2} | {files.Count} | {lines:N0} | {verdict} | {seconds:F1} |");
    typeScriptRows.Add(await TypeScriptColumn.RunAsync(name, model, Path.Combine(output, "typescript", Path.GetFileNameWithoutExtension(name)), tsc));
}

Console.WriteLine();
Console.WriteLine("| spec | generate TypeScript (s) | files | lines | tsc --strict | tsc (s) |");
Console.WriteLine("|---|---:|---:|---:|---|---:|");
typeScriptRows.ForEach(Console.WriteLine);

static async Task<(string, double)> MypyAsync(string folder)
{
    var start = new ProcessStartInfo("mypy") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { "--strict", "--python-version", "3.11", "--no-incremental", "src" })
        start.ArgumentList.Add(a);
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var stdout = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    var last = stdout.TrimEnd().Split('\n').LastOrDefault() ?? "";
    return (process.ExitCode == 0 ? "pass" : $"fail: {last.Replace('|', '/')}", clock.Elapsed.TotalSeconds);
}
