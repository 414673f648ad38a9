using System.Diagnostics;
using Noa.Stages.Integrator.Go;
using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Python;
using Noa.Yaml;

// Integrator benchmark: for each OpenAPI document given (or listed in a corpus's MANIFEST.tsv), the time to read it into
// the model and to generate the Python, Go and TypeScript SDKs, what they hold, and (with --mypy / --go / --tsc PATH)
// whether `mypy --strict` / `go vet` + `go build` / `tsc --strict --noEmit` accept them and how long that takes; with
// --kiota PATH, Kiota's three SDKs of the same document beside ours (KiotaColumn); then a summary per language.
// Usage: Noa.Bench.Integrator [--mypy] [--go] [--tsc PATH] [--kiota PATH] [--kiota-node-modules DIR] [--only-kiota] [--out DIR]
//                             [--corpus DIR [--only SUBSTRING,...]] [SPEC...]
// --only-kiota: our SDKs are generated (their times and sizes are still printed) but not checked, so Kiota's side can run
// as its own process beside a run that checks ours.
var oursChecked = !args.Contains("--only-kiota");
var mypy = args.Contains("--mypy") && oursChecked;
var goBuild = args.Contains("--go") && oursChecked;
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : null;
var tsc = Option("--tsc");
var kiota = Option("--kiota");
var kiotaNodeModules = Option("--kiota-node-modules");
var output = Option("--out") ?? Path.Combine(Path.GetTempPath(), "noa-bench-integrator");
var corpus = Option("--corpus");
var valued = new HashSet<string> { "--tsc", "--kiota", "--kiota-node-modules", "--out", "--corpus", "--only" };
var specs = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !valued.Contains(args[i - 1])))
    .Select(a => (Name: Path.GetFileName(a), Path: a)).ToList();
// --only A,B: the corpus documents whose manifest path contains one of these (a run that must fit in a time box)
var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
if (corpus is not null)
    specs.AddRange(File.ReadLines(Path.Combine(corpus, "MANIFEST.tsv")).Skip(1).Select(l => l.Split('\t')[0])
        .Where(f => only is null || only.Any(o => f.Contains(o, StringComparison.Ordinal)))
        .Select(f => (Name: f, Path: Path.Combine(corpus, f))));

var typeScriptRows = new List<string>();
var kiotaRows = new List<string>();
var summary = new Summary();
Console.WriteLine("| spec | operations | schemas | problems | read + model (s) | generate Python (s) | Python lines | mypy --strict | mypy (s) | generate Go (s) | Go lines | go vet + build | go (s) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---:|");
foreach (var (name, spec) in specs)
{
    var clock = Stopwatch.StartNew();
    var loaded = await SpecLoader.LoadAsync(await File.ReadAllTextAsync(spec), Path.GetFileName(spec), YamlLimits.Default, CancellationToken.None);
    if (loaded.Document is null)
    {
        Console.WriteLine($"| {name} | — | — | — | refused: {string.Join("; ", loaded.Errors).Replace('|', '/')} | | | | | | | | |");
        summary.Refused++;
        continue;
    }
    var model = OpenApiModelReader.Read(loaded.Document);
    var read = clock.Elapsed.TotalSeconds;
    clock.Restart();
    var files = PythonGenerator.Generate(model);
    var generate = clock.Elapsed.TotalSeconds;
    var folder = Path.Combine(output, name.Replace('/', '_'));
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
    var typeScript = await TypeScriptColumn.RunAsync(name, model, Path.Combine(folder, "typescript"), oursChecked ? tsc : null);
    typeScriptRows.Add(typeScript.Row);
    summary.AddOurs(model.Operations.Count, read, [("python", generate, lines, verdict), ("go", generateGo, goLines, goVerdict), ("typescript", typeScript.Seconds, typeScript.Lines, typeScript.Verdict)]);
    if (kiota is null)
        continue;
    var cells = new List<string>();
    foreach (var language in KiotaColumn.Languages)
    {
        var result = await KiotaColumn.RunAsync(kiota, Path.GetFullPath(spec), language, Path.Combine(folder, "kiota-" + language), tsc, kiotaNodeModules);
        summary.AddKiota(result);
        cells.Add($"{result.GenerateSeconds:F1} | {result.Lines:N0} | {result.Operations:N0} | {result.Verdict}");
    }
    kiotaRows.Add($"| {name} | {model.Operations.Count:N0} | {string.Join(" | ", cells)} |");
    await Console.Error.WriteLineAsync("kiota " + kiotaRows[^1]); // progress: a long run can be read while it goes
}

Console.WriteLine();
Console.WriteLine("| spec | generate TypeScript (s) | files | lines | tsc --strict | tsc (s) |");
Console.WriteLine("|---|---:|---:|---:|---|---:|");
typeScriptRows.ForEach(Console.WriteLine);
if (kiota is not null)
{
    Console.WriteLine();
    Console.WriteLine("Kiota, per language: generation (s) | lines | operations with a method | check");
    Console.WriteLine();
    Console.WriteLine("| spec | operations in the spec | Python (s) | lines | ops | check | TypeScript (s) | lines | ops | check | Go (s) | lines | ops | check |");
    Console.WriteLine("|---|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---|");
    kiotaRows.ForEach(Console.WriteLine);
}
Console.WriteLine();
summary.Print(Console.Out, kiota is not null);

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
