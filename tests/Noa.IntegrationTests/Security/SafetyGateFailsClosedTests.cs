using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Noa.IntegrationTests.Security;

/// <summary>
/// Attacks on the Safety gate through the real CLI: a source whose file names hold control characters and a real-format
/// GitHub token must be blocked (exit 3) whether it comes as a folder, a tar or a zip. Before, such a name made the
/// secrets engine throw, and a throwing engine only downgraded the verdict to warn: exit 0, token through.
/// </summary>
public sealed class SafetyGateFailsClosedTests : IDisposable
{
    private static readonly string Token = RealFormatTokens.GitHubPat(seed: 2026);

    // Names a file system holds but a careless path check refuses: C0 controls, DEL, an ANSI escape, a newline.
    private static readonly (string Path, string Content)[] Files =
    [
        ("evil\u0001name.py", $"GITHUB_TOKEN = \"{Token}\"\n"),
        ("ansi\u001b[31mred.js", "module.exports = 1;\n"),
        ("dir\u007f/new\nline.txt", "nothing here\n"),
        ("app/main.py", "print('hello')\n"),
    ];

    private readonly TempDir _temp = new("noa-gate");

    [Theory]
    [InlineData("folder")]
    [InlineData("tar")]
    [InlineData("zip")]
    public async Task Digest_OddFileNamesAndAToken_IsBlocked(string kind)
    {
        var source = kind switch { "folder" => Folder(), "tar" => Tar(), _ => Zip() };
        var output = _temp.Combine("out-" + kind);

        var result = await NoaProcess.RunAsync(_temp.Combine("home"), "digest", source, "--only", "safety", "--out", output);

        Assert.True(result.ExitCode == 3, result.ToString());
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "safety.json")));
        Assert.Equal("fail", report.RootElement.GetProperty("status").GetString());
        var secrets = report.RootElement.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("gate").GetString() == "secrets");
        Assert.Equal("fail", secrets.GetProperty("decision").GetString());
        var finding = report.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "github-pat");
        Assert.Equal("evil\u0001name.py", finding.GetProperty("file").GetString());
        Assert.All(report.RootElement.GetProperty("engines").EnumerateArray(), e => Assert.Equal("completed", e.GetProperty("status").GetString()));
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Token, File.ReadAllText(file));
        }
        Assert.DoesNotContain(Token, result.Stdout + result.Stderr);
    }

    private string Folder()
    {
        var root = _temp.Combine("src");
        foreach (var (path, content) in Files)
        {
            _temp.Write(Path.Combine("src", path), content);
        }
        return root;
    }

    private string Tar()
    {
        var path = _temp.Combine("src.tar");
        using (var stream = File.Create(path))
        using (var tar = new TarWriter(stream, TarEntryFormat.Gnu))
        {
            foreach (var (name, content) in Files)
            {
                tar.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }
        return path;
    }

    private string Zip()
    {
        var path = _temp.Combine("src.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in Files)
        {
            using var entry = zip.CreateEntry(name).Open();
            entry.Write(Encoding.UTF8.GetBytes(content));
        }
        return path;
    }

    public void Dispose() => _temp.Dispose();
}
