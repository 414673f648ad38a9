using Noa.Safety.Secrets.Adapters;

namespace Noa.Safety.Secrets.Tests;

/// <summary>
/// Real code from .cache/corpora (scripts/corpora.sh): Python's standard library and site packages, npm
/// packages. It holds no live secrets, so what we report there is (nearly all) false positives; and with
/// secrets planted into a copy of it, everything planted must be found.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    // Measured: none in Python; in npm, debug's published .coveralls.yml repo token and two JWTs in zod's tests.
    private static readonly Dictionary<string, int> MaxFindings = new(StringComparer.Ordinal)
    {
        ["python/python3.11"] = 0, ["python/dist-packages"] = 0, ["npm/node_modules"] = 3,
    };

    [Theory]
    [InlineData("python/python3.11")]
    [InlineData("python/dist-packages")]
    [InlineData("npm/node_modules")]
    public async Task Scan_RealCode_FewFindings(string corpus)
    {
        if (Corpus(corpus) is not { } dir) { return; }
        var result = await ScanHelper.DefaultScanner.ScanDirectoryAsync(dir);
        output.WriteLine($"{corpus}: {result.FilesScanned} files, {result.BytesScanned / 1e6:0.0} MB, {result.Findings.Count} findings, {result.Skipped.Count} skipped");
        foreach (var f in result.Findings) { output.WriteLine($"  {f.Path}:{f.Line} {f.RuleId} {f.RedactedMatch}"); }
        foreach (var g in result.Skipped.GroupBy(s => s.Reason)) { output.WriteLine($"  skipped {g.Key}: {g.Count()}"); }
        Assert.True(result.FilesScanned > 100, $"{corpus}: only {result.FilesScanned} files");
        Assert.True(result.Findings.Count <= MaxFindings[corpus], $"{corpus}: {result.Findings.Count} findings > {MaxFindings[corpus]}");
    }

    [Fact]
    public async Task Scan_PlantedIntoRealCode_AllFoundByOurs_RecallSideBySide()
    {
        if (Corpus("python/python3.11") is not { } source) { return; }
        var dir = Directory.CreateTempSubdirectory("noa-planted-").FullName;
        try
        {
            var planted = Plant(Path.Combine(source, "email"), dir);
            var ours = await ScanHelper.DefaultScanner.ScanDirectoryAsync(dir);
            var engines = new List<(string Name, IReadOnlyList<SecretFinding>? Findings)> { ("noa", ours.Findings) };
            if (Tools.Find("gitleaks") is { } gl)
            {
                var r = await new GitleaksAdapter(gl).ScanAsync(dir);
                Assert.True(r.Status == ExternalScanStatus.Completed, r.Detail);
                engines.Add(("gitleaks", r.Findings));
            }
            if (Tools.Find("trivy") is { } tv)
            {
                var r = await new TrivyAdapter(tv).ScanAsync(dir);
                Assert.True(r.Status == ExternalScanStatus.Completed, r.Detail);
                engines.Add(("trivy", r.Findings));
            }
            var recall = engines.ToDictionary(e => e.Name, e => planted.Where(p => Found(e.Findings!, p)).Select(p => p.RuleId).ToHashSet());
            output.WriteLine($"{planted.Count} planted kinds: " + string.Join(", ", engines.Select(e => $"{e.Name} {recall[e.Name].Count}")));
            foreach (var p in planted)
            {
                output.WriteLine($"  {p.RuleId,-34} " + string.Join(' ', engines.Select(e => recall[e.Name].Contains(p.RuleId) ? e.Name : new string('-', e.Name.Length))));
            }
            Assert.Equal([], planted.Where(p => !recall["noa"].Contains(p.RuleId)).Select(p => p.RuleId).ToArray());
            foreach (var (name, findings) in engines.Skip(1))
            {
                Assert.True(recall[name].Count >= 10, $"{name} found only {recall[name].Count} planted secrets: is it scanning?");
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    internal sealed record Planted(string RuleId, string Path, int Line, int Lines);

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> and appends one sample per rule to its files, round robin.</summary>
    internal static List<Planted> Plant(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        var files = Directory.EnumerateFiles(target, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var planted = new List<Planted>();
        var i = 0;
        foreach (var sample in RuleSamples.All)
        {
            var file = files[i++ % files.Length];
            var text = File.ReadAllText(file).TrimEnd('\n') + "\n\n";
            var line = text.Count(c => c == '\n') + 1;
            File.WriteAllText(file, text + sample.Positive + "\n" + sample.NearMiss + "\n");
            planted.Add(new Planted(sample.RuleId, Path.GetRelativePath(target, file).Replace('\\', '/'), line, sample.Positive.Count(c => c == '\n') + 1));
        }
        return planted;
    }

    internal static bool Found(IEnumerable<SecretFinding> findings, Planted p) =>
        findings.Any(f => f.Path == p.Path && f.Line >= p.Line && f.Line < p.Line + p.Lines);

    internal static string? Corpus(string name)
    {
        var root = ScanHelper.RepositoryRoot();
        var dir = root is null ? null : Path.Combine(root, ".cache", "corpora", name);
        if (dir is not null && Directory.Exists(dir)) { return dir; }
        Requirement.Unmet($".cache/corpora/{name} is missing: run scripts/corpora.sh (CI=true needs the corpora).");
        return null;
    }
}
