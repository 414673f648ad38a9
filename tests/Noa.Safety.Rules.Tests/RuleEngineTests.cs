using System.Diagnostics;
using System.Text;

namespace Noa.Safety.Rules.Tests;

public sealed class RuleEngineTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("os.system(cmd)  # nosec\n", "nosec")]
    [InlineData("# noa:ignore python-os-system\nos.system(cmd)\n", "noa:ignore python-os-system")]
    [InlineData("os.system(cmd)  # noa:ignore\n", "noa:ignore")]
    [InlineData("os.system(cmd)  # noa:ignore python-eval, python-os-system\n", "noa:ignore python-eval, python-os-system")]
    [InlineData("os.system(cmd)  # noa:ignore python-eval\n", null)]
    [InlineData("# nosec\n\nos.system(cmd)\n", null)]
    public async Task Scan_SuppressionComment_MarksOnlyWhatItNames(string code, string? expected)
    {
        var result = await Scan.SnippetAsync(Scan.Default, "python", code);
        Assert.Equal(expected, Assert.Single(result.Findings, f => f.RuleId == "python-os-system").Suppression);
    }

    [Fact]
    public async Task Scan_LargeBinaryAndUnknownFiles_AreSkippedWithReasons()
    {
        var files = new[]
        {
            new SourceFile("big.py", "python", _ => Task.FromResult<Stream>(new MemoryStream(new byte[2048]))),
            new SourceFile("bin.py", "python", _ => Task.FromResult<Stream>(new MemoryStream([0x65, 0, 0x66]))),
            new SourceFile("x.cob", "cobol", _ => Task.FromResult<Stream>(new MemoryStream())),
            new SourceFile("gone.py", "python", _ => throw new FileNotFoundException("gone")),
        };
        var result = await RuleEngine.ScanAsync(Scan.Default, files, new ScanOptions { MaxFileBytes = 1024 });
        Assert.Equal(
            ["big.py: larger than 1,024 bytes (2,048)", "bin.py: binary (a NUL byte in its first 8,000 bytes)", "gone.py: unreadable: gone", "x.cob: no rules for language 'cobol'"],
            result.Skipped.Select(s => $"{s.Path}: {s.Reason}"));
        Assert.Equal(0, result.FilesScanned);
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
            return new MemoryStream(Encoding.UTF8.GetBytes("os.system(cmd)\n"));
        }

        var result = await RuleEngine.ScanAsync(Scan.Default, [new SourceFile("a.py", "python", OpenLater), new SourceFile("b.py", "python", OpenLater)], null, cts.Token);

        Assert.Equal(2, result.FilesScanned);
        Assert.Equal(["a.py", "b.py"], result.Findings.Where(f => f.RuleId == "python-os-system").Select(f => f.Path));
        Assert.All(tokens, Assert.True);
    }

    [Fact]
    public async Task Scan_NonAsciiLine_ColumnsCountUtf16Units()
    {
        var result = await Scan.SnippetAsync(Scan.Default, "python", "s = 'é😀'; eval(x)\n");
        Assert.Equal(new TextRange(1, 12, 1, 19), Assert.Single(result.Findings).Range);
    }

    [Fact]
    public async Task Scan_MovedCode_KeepsItsFingerprint()
    {
        var a = await Scan.SnippetAsync(Scan.Default, "python", "eval(x)\neval(x)\n");
        var b = await Scan.SnippetAsync(Scan.Default, "python", "\n\n# moved\neval(x)\neval(x)\n");
        Assert.Equal(a.Findings.Select(f => f.Fingerprint), b.Findings.Select(f => f.Fingerprint));
        Assert.Equal(2, a.Findings.Select(f => f.Fingerprint).Distinct().Count());
    }

    [Fact]
    public async Task Scan_CombinedQuery_FindsWhatSeparateQueriesFind()
    {
        var files = Scan.Default.Rules
            .SelectMany(r => r.Languages.Select((l, i) => new SourceFile($"{r.Id}.{i}", l, _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(r.Tests.Positive + "\n" + r.Tests.Negative))))))
            .ToList();
        files = Enumerable.Repeat(files, 20).SelectMany(f => f).Select((f, i) => f with { Path = $"{i:D5}/{f.Path}" }).ToList();
        var clock = Stopwatch.StartNew();
        var combined = await RuleEngine.ScanAsync(Scan.Default, files);
        var combinedMs = clock.ElapsedMilliseconds;
        clock.Restart();
        var separate = await RuleEngine.ScanAsync(Scan.Default, files, new ScanOptions { CombineQueries = false });
        output.WriteLine($"{files.Count} files: combined {combinedMs} ms, separate {clock.ElapsedMilliseconds} ms");
        Assert.Equal(separate.Findings.Select(f => (f.Path, f.RuleId, f.Range)), combined.Findings.Select(f => (f.Path, f.RuleId, f.Range)));
        Assert.NotEmpty(combined.Findings);
    }
}
