using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Noa.Safety.Secrets.Tests.Scanning;

public sealed class SecretScannerTests
{
    private static readonly Fake F = new("scanner");
    private static readonly string GitHub = "ghp_" + F.R(Fake.Alnum, 36);
    private static readonly string Aws = "AKIA" + F.R(Fake.Base32, 16);

    [Fact]
    public async Task Scan_Findings_RedactedInEveryOutput()
    {
        var result = await ScanHelper.DefaultScanner.ScanTextAsync($"token = \"{GitHub}\"\naws = {Aws}\n");
        Assert.Equal(["github-pat", "aws-access-token"], result.Findings.Select(f => f.RuleId));
        var json = JsonSerializer.Serialize(result);
        var text = string.Join('\n', result.Findings.Select(f => f.ToString()));
        foreach (var output in new[] { json, text })
        {
            Assert.DoesNotContain(GitHub, output);
            Assert.DoesNotContain(GitHub[4..], output);
            Assert.DoesNotContain(Aws[4..], output);
        }
        var gh = result.Findings[0];
        Assert.Equal(("ghp_*****", "\"ghp_*****\"", 1, 10), (gh.Redacted, gh.RedactedMatch, gh.Line, gh.Column));
        Assert.Equal("src/settings.py:github-pat:1", gh.Fingerprint);
        Assert.StartsWith("sha256:", gh.ContentFingerprint);
        Assert.True(gh.Entropy > 4, $"{gh.Entropy}");
        Assert.Equal(["noa"], gh.Engines);
    }

    [Fact]
    public async Task Scan_SecretMovesLine_ContentFingerprintStays()
    {
        var before = await ScanHelper.DefaultScanner.ScanTextAsync($"x = \"{GitHub}\"\n");
        var after = await ScanHelper.DefaultScanner.ScanTextAsync($"# moved\n\n\nx = \"{GitHub}\"\n");
        Assert.Equal(before.Findings[0].ContentFingerprint, after.Findings[0].ContentFingerprint);
        Assert.NotEqual(before.Findings[0].Fingerprint, after.Findings[0].Fingerprint);
    }

    [Fact]
    public async Task Scan_Baseline_SuppressesAcceptedFindingsOnly()
    {
        var dir = Directory.CreateTempSubdirectory("noa-baseline-").FullName;
        var baselinePath = Path.Combine(dir, "baseline.json");
        var first = await ScanHelper.DefaultScanner.ScanTextAsync($"x = \"{GitHub}\"\n");
        Baseline.Write(baselinePath, first.Findings);
        var baselined = SecretScanner.Create(new SecretScanOptions { BaselinePath = baselinePath });
        var again = await baselined.ScanTextAsync($"# moved down\nx = \"{GitHub}\"\ny = {Aws}\n");
        Assert.Equal(1, again.Suppressed);
        Assert.Equal(["aws-access-token"], again.Findings.Select(f => f.RuleId));
        Assert.DoesNotContain(GitHub[4..], await File.ReadAllTextAsync(baselinePath));
        // A Gitleaks report works as a baseline too (its location fingerprints).
        await File.WriteAllTextAsync(baselinePath, """[{"RuleID":"aws-access-token","Fingerprint":"src/settings.py:aws-access-token:3"}]""");
        var gitleaksBaseline = SecretScanner.Create(new SecretScanOptions { BaselinePath = baselinePath });
        var third = await gitleaksBaseline.ScanTextAsync($"# moved down\nx = \"{GitHub}\"\ny = {Aws}\n");
        Assert.Equal(["github-pat"], third.Findings.Select(f => f.RuleId));
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task Scan_OpensEachFileAsynchronously_WithTheScansToken()
    {
        using var cts = new CancellationTokenSource();
        var tokens = new System.Collections.Concurrent.ConcurrentBag<bool>();
        async Task<Stream> OpenLater(CancellationToken ct)
        {
            await Task.Yield(); // a source that is not local: the open completes on another thread
            tokens.Add(ct.CanBeCanceled);
            return new MemoryStream(Encoding.UTF8.GetBytes($"token = {Aws}\n"));
        }

        var result = await SecretScanner.Create(new SecretScanOptions()).ScanAsync([("a.py", OpenLater), ("b.py", OpenLater)], cts.Token);

        Assert.Equal(2, result.FilesScanned);
        Assert.Equal(["a.py", "b.py"], result.Findings.Select(f => f.Path).Order());
        Assert.Equal(2, tokens.Count(t => t));
    }

    [Fact]
    public async Task Scan_LargeBinaryAndInlineAllowed_SkippedWithReasons()
    {
        var scanner = SecretScanner.Create(new SecretScanOptions { MaxFileBytes = 1000 });
        var result = await scanner.ScanAsync(
        [
            ("big.txt", _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 2000) + GitHub)))),
            ("image.bin", _ => Task.FromResult<Stream>(new MemoryStream([1, 2, 0, 3, .. Encoding.UTF8.GetBytes(GitHub)]))),
            ("ok.py", _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes($"x = \"{GitHub}\"  # gitleaks:allow\ny = {Aws}\n")))),
        ]);
        Assert.Equal([("big.txt", SkipReason.TooLarge), ("image.bin", SkipReason.Binary)], result.Skipped.Select(s => (s.Path, s.Reason)));
        Assert.Equal(["aws-access-token"], result.Findings.Select(f => f.RuleId));
        Assert.Equal(1, result.FilesScanned);
    }

    [Fact]
    public async Task Scan_ManyFilesInParallel_FindsEachOnce()
    {
        var files = Enumerable.Range(0, 400).Select(i => ($"pkg/f{i:D3}.js", i % 4 == 0 ? $"const k = '{GitHub}';\n" : "const answer = 42;\n")).ToArray();
        var result = await ScanHelper.DefaultScanner.ScanFilesAsync(files);
        Assert.Equal(100, result.Findings.Count);
        Assert.Equal(400, result.FilesScanned);
        Assert.Equal(result.Findings.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => f.Path), result.Findings.Select(f => f.Path));
    }

    [Fact]
    public async Task ScanGitHistory_SecretAddedThenRemoved_ReportsCommitAndLine()
    {
        var repo = Directory.CreateTempSubdirectory("noa-history-").FullName;
        Git(repo, "init", "-q");
        File.WriteAllText(Path.Combine(repo, "app.py"), "import os\n\nprint('hi')\n");
        Git(repo, "add", ".");
        Git(repo, "commit", "-q", "-m", "first");
        File.WriteAllText(Path.Combine(repo, "app.py"), $"import os\nTOKEN = \"{GitHub}\"\n\nprint('hi')\n");
        Git(repo, "commit", "-q", "-am", "add token");
        var leak = Git(repo, "rev-parse", "HEAD").Trim();
        File.WriteAllText(Path.Combine(repo, "app.py"), "import os\n\nprint('hi')\n");
        Git(repo, "commit", "-q", "-am", "remove token");

        var current = await ScanHelper.DefaultScanner.ScanDirectoryAsync(repo);
        Assert.Empty(current.Findings);
        var history = await ScanHelper.DefaultScanner.ScanGitHistoryAsync(repo);
        var finding = Assert.Single(history.Findings);
        Assert.Equal(("github-pat", "app.py", 2, leak), (finding.RuleId, finding.Path, finding.Line, finding.Commit));
        Assert.Equal($"{leak}:app.py:github-pat:2", finding.Fingerprint);
        Directory.Delete(repo, true);
    }

    private static string Git(string repo, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repo };
        foreach (var (k, v) in new[] { ("GIT_AUTHOR_NAME", "t"), ("GIT_AUTHOR_EMAIL", "t@t"), ("GIT_COMMITTER_NAME", "t"), ("GIT_COMMITTER_EMAIL", "t@t") }) { start.Environment[k] = v; }
        foreach (var a in args) { start.ArgumentList.Add(a); }
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
        return output;
    }
}
