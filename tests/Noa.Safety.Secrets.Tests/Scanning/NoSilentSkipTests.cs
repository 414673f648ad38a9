using System.Text;
using Noa.Safety.Secrets.Scanning;

namespace Noa.Safety.Secrets.Tests.Scanning;

/// <summary>No encoding, size or line layout hides a secret from the scanner, and a name on one line with a value on
/// the next is not a secret.</summary>
public sealed class NoSilentSkipTests
{
    private static readonly Fake F = new("no-silent-skip");
    private static readonly string GitHub = "ghp_" + F.R(Fake.Alnum, 36);

    [Theory]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-32le-bom")]
    [InlineData("utf-8-bom")]
    [InlineData("latin-1")]
    public async Task Scan_TextInAnyEncoding_FindsTheToken(string encoding)
    {
        var text = $"# réglages\r\nTOKEN = \"{GitHub}\"\r\n";
        byte[] bytes = encoding switch
        {
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
            "utf-16le" => Encoding.Unicode.GetBytes(text),
            "utf-32le-bom" => [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)],
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            _ => Encoding.Latin1.GetBytes(text),
        };
        var result = await ScanHelper.DefaultScanner.ScanAsync([("settings.ps1", _ => Task.FromResult<Stream>(new MemoryStream(bytes)))]);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(("github-pat", 2), (finding.RuleId, finding.Line));
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public async Task Scan_BinaryContent_IsListedAsSkipped()
    {
        byte[] bytes = [0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1, 0, .. Encoding.ASCII.GetBytes(GitHub), 0, 0, 0, 7, 0, 0];
        var result = await ScanHelper.DefaultScanner.ScanAsync([("blob.dat", _ => Task.FromResult<Stream>(new MemoryStream(bytes)))]);
        Assert.Equal(SkipReason.Binary, Assert.Single(result.Skipped).Reason);
    }

    [Fact]
    public async Task Scan_FileLargerThanAWindow_FindsTokensEverywhere_OnTheirLines()
    {
        // 12 MiB: three 4 MiB windows. Tokens near the start, across the first window's edge and at the very end.
        var line = new string('x', 99) + "\n";
        var text = new StringBuilder();
        text.Append($"a = \"{GitHub}\"\n");
        var lines = 1;
        while (text.Length + line.Length < FileText.Window - 200)
        {
            text.Append(line);
            lines++;
        }
        text.Append(new string('y', FileText.Window - 10 - text.Length)).Append($" = \"{GitHub}\"\n");
        var edge = ++lines;
        while (text.Length < 3 * FileText.Window)
        {
            text.Append(line);
            lines++;
        }
        text.Append($"z = \"{GitHub}\"\n");
        var last = ++lines;
        var result = await ScanHelper.DefaultScanner.ScanTextAsync(text.ToString(), "dump.sql");
        Assert.Equal([1, edge, last], result.Findings.Select(f => f.Line));
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public async Task Scan_NameOnOneLine_ValueOnTheNext_IsNotASecret_ButASecretOnTheNextLineIs()
    {
        // Control: on one line, the generic rule finds the value.
        var same = await ScanHelper.DefaultScanner.ScanTextAsync("api_key = Zq8vN2xK7pL4mR9tW3yB\n", "settings.py");
        Assert.Equal("generic-api-key", Assert.Single(same.Findings).RuleId);

        var split = await ScanHelper.DefaultScanner.ScanTextAsync("api_key =\n    Zq8vN2xK7pL4mR9tW3yB\n", "settings.py");
        Assert.Empty(split.Findings);

        var next = await ScanHelper.DefaultScanner.ScanTextAsync("password:\n  token = Zq8vN2xK7pL4mR9tW3yB\n", "config.yaml");
        var finding = Assert.Single(next.Findings);
        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public async Task Scan_PrivateKeyBlock_SpansLinesAndIsStillFound()
    {
        var body = string.Join('\n', Enumerable.Range(0, 6).Select(_ => F.R(Fake.Alnum, 64)));
        var key = $"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n";
        var result = await ScanHelper.DefaultScanner.ScanTextAsync(key, "deploy/id_rsa");
        Assert.Contains(result.Findings, f => f.RuleId == "private-key" && f.Line == 1);
    }
}
