using System.IO.Compression;
using System.Text;
using Noa.Abstractions;
using Noa.Stages.Intake.Tests.Support;

namespace Noa.Stages.Intake.Tests;

/// <summary>
/// Names that are not valid UTF-8 and trees nested thousands deep, in folders, git repositories and archives: each ends as
/// bad input (never retried) naming the path escaped, or (archives, whose content is already read) as a file kept under the
/// decoded name with a note. Before, they threw (FileNotFoundException, "The value cannot be an empty string") and were retried.
/// </summary>
public sealed class OddPathTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        // A tree deeper than PATH_MAX cannot be deleted by full paths; rm walks it relative to each level.
        RawNames.Shell("/", $"rm -rf '{_temp.Path}'");
        _temp.Dispose();
    }

    [Fact]
    public async Task Folder_FileNameNotUtf8_IsRefusedWithTheNameEscaped()
    {
        var source = _temp.Combine("src");
        _temp.Write("src/ok.py", "print(1)\n");
        RawNames.CreateInvalidUtf8File(Path.Combine(source, "pkg"));

        using var run = await IntakeRun.ExecuteAsync(source);

        run.AssertRefused("pkg/evil\\uFFFDname.py", "not valid UTF-8");
    }

    [Fact]
    public async Task Folder_RealReplacementCharacterInAName_IsKept()
    {
        _temp.Write("src/caf\uFFFD.txt", "a real U+FFFD, written as valid UTF-8");

        using var run = await IntakeRun.ExecuteAsync(_temp.Combine("src"));

        run.AssertSucceeded();
        Assert.Equal(["caf\uFFFD.txt"], run.Paths);
    }

    [Fact]
    public async Task Folder_300Deep_IsRefusedAtTheDepthLimit()
    {
        var source = _temp.Combine("src");
        Deep(source, 300);

        using var run = await IntakeRun.ExecuteAsync(source);

        run.AssertRefused("is nested more than 256 folders deep (limit MaxPathDepth)", "a/a/a/");
    }

    [Fact]
    public async Task Folder_PathNearPathMax_IsRefusedBeforeItOverflows()
    {
        // 19 names of 200 bytes: 3,819 bytes below the source root, so its full path passes Linux's 4,096 a level later.
        var source = _temp.Combine("src");
        var path = Path.Combine([source, .. Enumerable.Repeat(new string('n', 200), 19)]);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "leaf.py"), "x = 1\n");

        using var run = await IntakeRun.ExecuteAsync(source);

        run.AssertRefused("is longer than 3072 bytes (limit MaxPathBytes)");
    }

    [Fact]
    public async Task Folder_DeepWithinTheLimit_IsRead()
    {
        var source = _temp.Combine("src");
        Deep(source, 40);

        using var run = await IntakeRun.ExecuteAsync(source);

        run.AssertSucceeded();
        Assert.Single(run.Paths);
    }

    [Fact]
    public async Task Git_FileNameNotUtf8_IsRefused_AndTheCheckoutCanBeDeleted()
    {
        var repo = _temp.Combine("repo");
        GitCli.Init(repo);
        GitCli.Commit(repo, "first", ("ok.py", "print(1)\n"));
        RawNames.CreateInvalidUtf8File(repo);
        GitCli.Run(repo, "add", "-A");
        GitCli.Run(repo, "commit", "-q", "-m", "odd name");

        using var run = await IntakeRun.ExecuteAsync(repo);

        run.AssertRefused("evil\\uFFFDname.py", "not valid UTF-8");
        // The checkout holds a name .NET cannot delete by itself; a retried attempt moves it aside instead of failing.
        var checkout = Path.Combine(run.Workspace, "checkout");
        Assert.True(Directory.Exists(checkout));
        using var again = await IntakeRun.ExecuteAsync(new DigestRequest { Source = repo, RequestedBy = "tester" }, workspace: Path.GetDirectoryName(run.Workspace));
        again.AssertRefused("not valid UTF-8");
    }

    [Fact]
    public async Task Git_2100Deep_IsRefused()
    {
        var repo = _temp.Combine("repo");
        GitCli.Init(repo);
        var path = string.Join('/', Enumerable.Repeat("a", 300)) + "/leaf.py";
        GitCli.Commit(repo, "deep", (path, "x = 1\n"));

        using var run = await IntakeRun.ExecuteAsync(repo);

        run.AssertRefused("is nested more than 256 folders deep");
    }

    [Fact]
    public async Task Tar_EntryNameNotUtf8_IsKeptUnderTheDecodedNameWithANote()
    {
        var content = _temp.Combine("content");
        _temp.Write("content/ok.py", "print(1)\n");
        RawNames.CreateInvalidUtf8File(content);
        var archive = _temp.Combine("odd.tar");
        RawNames.Tar(content, archive);

        using var run = await IntakeRun.ExecuteAsync(archive);

        run.AssertSucceeded();
        Assert.Equal(["evil\uFFFDname.py", "ok.py"], run.Paths);
        Assert.Equal("x = 1\n", run.Text("evil\uFFFDname.py"));
        var warnings = run.Provenance.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToArray();
        Assert.Contains(warnings, w => w!.Contains("not valid UTF-8", StringComparison.Ordinal) && w.Contains("evil\\uFFFDname.py", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zip_TwoNamesThatDecodeAlike_AreRefusedRatherThanOneReplacingTheOther()
    {
        var archive = _temp.Combine("odd.zip");
        using (var zip = new ZipArchive(File.Create(archive), ZipArchiveMode.Create))
        {
            foreach (var name in new[] { "evil_1.py", "evil_2.py" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(name);
            }
        }
        // Bytes 0xFE and 0xFF where '1' and '2' stand: neither is UTF-8, both read as U+FFFD.
        var bytes = File.ReadAllBytes(archive);
        Patch(bytes, "evil_1.py", 5, 0xFE);
        Patch(bytes, "evil_2.py", 5, 0xFF);
        File.WriteAllBytes(archive, bytes);

        using var run = await IntakeRun.ExecuteAsync(archive);

        run.AssertRefused("evil_\\uFFFD.py", "read as the same name");
    }

    [Fact]
    public async Task Tar_2100DeepEntry_IsRefused()
    {
        var archive = _temp.Combine("deep.tar");
        ArchiveBuilder.Tar(archive, gzip: false, ArchiveBuilder.File(string.Join('/', Enumerable.Repeat("a", 2100)) + "/leaf.py", "x"));

        using var run = await IntakeRun.ExecuteAsync(archive);

        run.AssertRefused("archive entry", "is nested more than 256 folders deep");
    }

    [Fact]
    public async Task Zip_NameOver255Bytes_IsRefused()
    {
        var archive = _temp.Combine("long.zip");
        ArchiveBuilder.Zip(archive, (new string('n', 300) + ".py", "x", null));

        using var run = await IntakeRun.ExecuteAsync(archive);

        run.AssertRefused("has a name longer than 255 bytes");
    }

    private static void Deep(string root, int depth)
    {
        var bottom = Directory.CreateDirectory(Path.Combine([root, .. Enumerable.Repeat("a", depth)])).FullName;
        File.WriteAllText(Path.Combine(bottom, "leaf.py"), "x = 1\n");
    }

    private static void Patch(byte[] bytes, string name, int offset, byte value)
    {
        var pattern = Encoding.ASCII.GetBytes(name);
        var found = 0;
        for (var i = 0; i + pattern.Length <= bytes.Length; i++)
        {
            if (bytes.AsSpan(i, pattern.Length).SequenceEqual(pattern))
            {
                bytes[i + offset] = value;
                found++;
            }
        }
        Assert.Equal(2, found); // the local header and the central directory
    }
}
