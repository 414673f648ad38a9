using System.Diagnostics;
using Noa.Stages.Integrator.Go;
using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Python;
using Noa.Yaml;

// Integrator benchmark: for each OpenAPI document given, the time to read it into the model and to generate the Python
// and Go SDKs, what they hold, and (with --mypy / --go) whether `mypy --strict` / `go vet` + `go build` accept them and
// how long that takes; then the same for the TypeScript SDK (with --tsc PATH: whether `tsc --strict --noEmit` accepts it).
// Usage: Noa.Bench.Integrator [--mypy] [--go] [--tsc PATH] [--out DIR] SPEC...
var mypy = args.Contains("--mypy");
var goBuild = args.Contains("--go");
var tscIndex = Array.IndexOf(args, "--tsc");
var tsc = tscIndex >= 0 ? args[tscIndex + 1] : null;
var typeScriptRows = new List<string>();
var outIndex = Array.IndexOf(args, "--out");
var output = outIndex >= 0 ? args[outIndex + 1] : Path.Combine(Path.GetTempPath(), "noa-bench-integrator");
var specs = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (outIndex < 0 || i != outIndex + 1) && (tscIndex < 0 || i != tscIndex + 1)).ToList();

Console.WriteLine("| spec | operations | schemas | problems | read + model (s) | generate Python (s) | Python lines | mypy --strict | mypy (s) | generate Go (s) | Go lines | go vet + build | go (s) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---:|");
foreach (var spec in specs)
{
    var name = Path.GetFileName(spec);
    var clock = Stopwatch.StartNew();
    var loaded = await SpecLoader.LoadAsync(await File.ReadAllTextAsync(spec), name, YamlLimits.Default, CancellationToken.None);
    if (loaded.Document is null)
    {
        Console.WriteLine($"| {name} | — | — | — | refused: {string.Join("; ", loaded.Errors).Replace('|', '/')} | | | | | | | | |");
        continue;
    }
    var model = OpenApiModelReader.Read(loaded.Document);
    var read = clock.Elapsed.TotalSeconds;
    clock.Restart();
    var files = PythonGenerator.Generate(model);
    var generate = clock.Elapsed.TotalSeconds;
    var folder = Path.Combine(output, Path.GetFileNameWithoutExtension(name));
    await WriteAsync(Path.Combine(folder, "python"), files);
    var lines = files.Sum(f => f.Content.Count(c => c == '\n'));
    var (verdict, seconds) = mypy ? await RunAsync("mypy", ["--strict", "--python-version", "3.11", "--no-incremental", "src"], Path.Combine(folder, "python")) : ("not run", 0.0);
    clock.Restart();
    var goFiles = GoGenerator.Generate(model);
    var generateGo = clock.Elapsed.TotalSeconds;
    await WriteAsync(Path.Combine(folder, "go"), goFiles);
    var goLines = goFiles.Sum(f => f.Content.Count(c => c == '\n'));
    var (goVerdict, goSeconds) = ("not run", 0.0);
    if (goBuild)
    {
        (goVerdict, goSeconds) = await RunAsync("go", ["vet", "./..."], Path.Combine(folder, "go"));
        if (goVerdict == "pass")
        {
            var (built, buildSeconds) = await RunAsync("go", ["build", "./..."], Path.Combine(folder, "go"));
            (goVerdict, goSeconds) = (built, goSeconds + buildSeconds);
        }
        else
            goVerdict = "vet " + goVerdict;
    }
    Console.WriteLine($"| {name} | {model.Operations.Count:N0} | {model.Schemas.Count:N0} | {model.Problems.Count + loaded.Errors.Count:N0} | {read:F2} | {generate:F2} | {lines:N0} | {verdict} | {seconds:F1} | {generateGo:F2} | {goLines:N0} | {goVerdict} | {goSeconds:F1} |");
    typeScriptRows.Add(await TypeScriptColumn.RunAsync(name, model, Path.Combine(folder, "typescript"), tsc));
}

Console.WriteLine();
Console.WriteLine("| spec | generate TypeScript (s) | files | lines | tsc --strict | tsc (s) |");
Console.WriteLine("|---|---:|---:|---:|---|---:|");
typeScriptRows.ForEach(Console.WriteLine);

static async Task WriteAsync(string folder, IReadOnlyList<Noa.Stages.Integrator.Output.GeneratedFile> files)
{
    if (Directory.Exists(folder))
        Directory.Delete(folder, recursive: true);
    foreach (var file in files)
    {
        var path = Path.Combine(folder, file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, file.Content);
    }
}

// Runs a checker offline (Go: GOPROXY=off, standard library only) and answers pass or its last line, and the wall time.
static async Task<(string, double)> RunAsync(string tool, string[] arguments, string folder)
{
    var start = new ProcessStartInfo(tool) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in arguments)
        start.ArgumentList.Add(a);
    start.Environment["GOFLAGS"] = "-mod=mod";
    start.Environment["GOPROXY"] = "off";
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    var last = ((await stdout) + (await stderr)).TrimEnd().Split('\n').LastOrDefault() ?? "";
    return (process.ExitCode == 0 ? "pass" : $"fail: {last.Replace('|', '/')}", clock.Elapsed.TotalSeconds);
}
