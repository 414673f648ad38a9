// Secrets benchmark: real code with one planted secret per default rule (128 kinds) and a near miss
// after each; recall, false positives and throughput of ours, Gitleaks and Trivy on the same tree.
// Usage: Noa.Bench.Secrets CORPUS_DIR... --doc docs/benchmarks.md --runs N --tools DIR --command TEXT
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Noa.Safety.Secrets;
using Noa.Safety.Secrets.Adapters;
using Noa.Safety.Secrets.Bench;
using Noa.Safety.Secrets.Tests;

var corpora = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
string Opt(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var doc = Opt("--doc", "docs/benchmarks.md");
var runs = int.Parse(Opt("--runs", "3"), CultureInfo.InvariantCulture);
var tools = Opt("--tools", ".cache/tools/bin");
var command = Opt("--command", "bench/secrets.sh");

var tree = Directory.CreateTempSubdirectory("noa-bench-secrets-").FullName;
try
{
    var planted = Planting.Build(corpora, tree);
    var bytes = new DirectoryInfo(tree).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
    var files = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).Count();
    Console.Error.WriteLine($"tree: {files} files, {bytes / 1e6:0.0} MB, {planted.Count} planted kinds");

    var rows = new List<Row>();
    var create = Stopwatch.StartNew();
    var scanner = SecretScanner.Create(new SecretScanOptions());
    create.Stop();
    rows.Add(await Measure("noa (ours)", runs, async () => (await scanner.ScanDirectoryAsync(tree)).Findings));
    var gitleaks = new GitleaksAdapter(Path.Combine(tools, "gitleaks"));
    if (gitleaks.Executable is not null) { rows.Add(await Measure("gitleaks 8.16", runs, async () => Completed(await gitleaks.ScanAsync(tree)))); }
    var trivy = new TrivyAdapter(Path.Combine(tools, "trivy"));
    if (trivy.Executable is not null) { rows.Add(await Measure("trivy (cdxgen build)", runs, async () => Completed(await trivy.ScanAsync(tree)))); }

    var reference = rows.FirstOrDefault(r => r.Engine.StartsWith("gitleaks", StringComparison.Ordinal));
    var md = new StringBuilder();
    md.AppendLine(CultureInfo.InvariantCulture, $"Tree: {string.Join(" + ", corpora.Select(c => $"`{Path.GetRelativePath(".cache/corpora", c)}`"))} from .cache/corpora, {files} files, {bytes / 1e6:0.0} MB; {planted.Count} planted secrets of {planted.Count} kinds (one per default rule, fake tokens in each provider's format) each followed by a near miss. Best of {runs} runs on 2 shared cores. Rule set built once in {create.Elapsed.TotalMilliseconds:0} ms (not in the times).");
    md.AppendLine();
    md.AppendLine("| engine | recall | other findings (false positives) | near misses hit | wall (s) | first run (s) | MB/s | × Gitleaks |");
    md.AppendLine("|---|---|---|---|---|---|---|---|");
    foreach (var r in rows)
    {
        var found = planted.Count(p => Planting.Found(r.Findings, p));
        var near = planted.Count(p => r.Findings.Any(f => f.Path == p.Path && f.Line == p.NearMissLine));
        var other = r.Findings.Count(f => !planted.Any(p => f.Path == p.Path && f.Line >= p.Line && f.Line <= p.NearMissLine));
        var speed = bytes / 1e6 / r.Seconds;
        var ratio = reference is null ? "—" : (reference.Seconds / r.Seconds).ToString("0.00", CultureInfo.InvariantCulture) + "×";
        md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Engine} | {found}/{planted.Count} ({100.0 * found / planted.Count:0.0}%) | {other} | {near} | {r.Seconds:0.00} | {r.FirstSeconds:0.00} | {speed:0.0} | {ratio} |");
        Console.Error.WriteLine($"{r.Engine}: near misses hit by " + string.Join(", ", planted.SelectMany(p => r.Findings.Where(f => f.Path == p.Path && f.Line == p.NearMissLine).Select(f => $"{p.RuleId}<-{f.RuleId}"))));
        Console.Error.WriteLine($"{r.Engine}: missed {string.Join(", ", planted.Where(p => !Planting.Found(r.Findings, p)).Select(p => p.RuleId))}");
    }
    md.AppendLine();
    md.AppendLine("Recall counts a planted secret found when the engine reports its file and line (any rule id). Gitleaks 8.16 (Debian trixie) and Trivy predate several of the token formats planted here (Anthropic, Groq, xAI, fine-grained and newer vendor prefixes), which is most of their misses; \"other findings\" are outside every planted line, i.e. in the real code. A near miss is built to miss its provider's rule (a shortened token); the ones hit are hit by the generic rule (ours and Gitleaks'), because a shortened random value assigned to a secret-named variable is still a plausible secret. The first run of ours includes JIT-compiling the regexes.");
    md.AppendLine();
    md.AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}`.");
    DocSection.Rewrite(doc, "<!-- bench:secrets:begin -->", "<!-- bench:secrets:end -->", "## Secrets: ours vs Gitleaks vs Trivy", md.ToString());
    Console.Write(md);
}
finally
{
    Directory.Delete(tree, true);
}

static IReadOnlyList<SecretFinding> Completed(ExternalScanResult r) =>
    r.Status == ExternalScanStatus.Completed ? r.Findings : throw new InvalidOperationException($"{r.Tool}: {r.Detail}");

static async Task<Row> Measure(string engine, int runs, Func<Task<IReadOnlyList<SecretFinding>>> run)
{
    IReadOnlyList<SecretFinding> findings = [];
    var best = double.MaxValue;
    var first = 0.0;
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        findings = await run();
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
        if (i == 0) { first = sw.Elapsed.TotalSeconds; }
    }
    Console.Error.WriteLine($"{engine}: {findings.Count} findings, best {best:0.00} s, first {first:0.00} s");
    return new Row(engine, findings, best, first);
}

internal sealed record Row(string Engine, IReadOnlyList<SecretFinding> Findings, double Seconds, double FirstSeconds);
