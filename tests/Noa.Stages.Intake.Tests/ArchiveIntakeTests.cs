using System.Formats.Tar;
using Noa.Stages.Intake.Tests.Support;
using static Noa.Stages.Intake.Tests.Support.ArchiveBuilder;

namespace Noa.Stages.Intake.Tests;

public sealed class ArchiveIntakeTests : IDisposable
{
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("src.tar", false)]
    [InlineData("src.tar.gz", true)]
    [InlineData("src.tgz", true)]
    public async Task ExecuteAsync_Tar_KeepsTopFolderModesAndLinks(string name, bool gzip)
    {
        var archive = _temp.Combine(name);
        Tar(archive, gzip,
            Folder("project-1.0/"),
            File("project-1.0/README.md", "hello"),
            File("project-1.0/bin/run.sh", "#!/bin/sh\n", Executable),
            Link(TarEntryType.SymbolicLink, "project-1.0/docs/readme", "../README.md"),
            Link(TarEntryType.HardLink, "project-1.0/copy.md", "project-1.0/README.md"),
            Link(TarEntryType.SymbolicLink, "project-1.0/bin-link", "bin"));

        using var run = await IntakeRun.ExecuteAsync(archive);

        run.AssertSucceeded();
        Assert.Equal(["project-1.0/README.md", "project-1.0/bin/run.sh", "project-1.0/copy.md", "project-1.0/docs/readme"], run.Paths);
        Assert.Equal("hello", run.Text("project-1.0/docs/readme"));
        Assert.Equal("hello", run.Text("project-1.0/copy.md"));
        Assert.True(run.Snapshot.Files.Single(f => f.Path == "project-1.0/bin/run.sh").Executable);
        var details = run.Provenance.GetProperty("archive");
        Assert.Equal(gzip ? "tar.gz" : "tar", details.GetProperty("format").GetString());
        Assert.Equal(6, details.GetProperty("entries").GetInt32());
        Assert.Contains(run.Provenance.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("bin-link", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_Zip_ReadsFilesModesAndLinks()
    {
        var archive = _temp.Combine("src.zip");
        Zip(archive,
            ("app/", "", null),
            ("app/main.py", "print(1)", null),
            ("app/tool", "#!/bin/sh", 0b1000_000_111_101_101),
            ("app/alias.py", "main.py", 0b1010_000_111_111_111),
            ("win\\style.txt", "backslash", null));

        using var run = await IntakeRun.ExecuteAsync(archive);

        run.AssertSucceeded();
        Assert.Equal(["app/alias.py", "app/main.py", "app/tool", "win/style.txt"], run.Paths);
        Assert.Equal("print(1)", run.Text("app/alias.py"));
        Assert.True(run.Snapshot.Files.Single(f => f.Path == "app/tool").Executable);
    }

    public static TheoryData<string, TarEntry, string> HostileTarEntries() => new()
    {
        { "zip-slip", File("../x", "escape"), "'..'" },
        { "nested zip-slip", File("a/../../x", "escape"), "'..'" },
        { "absolute", File("/etc/x", "escape"), "absolute" },
        { "symlink out", Link(TarEntryType.SymbolicLink, "a/link", "../../etc/passwd"), "outside the archive" },
        { "absolute symlink", Link(TarEntryType.SymbolicLink, "link", "/etc/passwd"), "outside the archive" },
        { "hardlink out", Link(TarEntryType.HardLink, "hard", "../outside"), "outside the archive" },
        { "absolute hardlink", Link(TarEntryType.HardLink, "hard", "/etc/shadow"), "outside the archive" },
        { "character device", new PaxTarEntry(TarEntryType.CharacterDevice, "dev/null") { DeviceMajor = 1, DeviceMinor = 3 }, "device" },
        { "block device", new PaxTarEntry(TarEntryType.BlockDevice, "dev/sda") { DeviceMajor = 8 }, "device" },
        { "fifo", new PaxTarEntry(TarEntryType.Fifo, "pipe"), "fifo" },
        { "file and folder", File("ok.txt/inner", "clash"), "both a file and a folder" },
        { "nameless file", File("./", "x"), "no file name" },
    };

    [Theory]
    [MemberData(nameof(HostileTarEntries))]
    public async Task ExecuteAsync_HostileTarEntry_IsRefusedAndNothingEscapes(string why, TarEntry hostile, string message)
    {
        var archive = _temp.Combine("hostile.tar.gz");
        Tar(archive, gzip: true, File("ok.txt", "fine"), hostile);

        using var run = await IntakeRun.ExecuteAsync(archive);

        run.AssertRefused(message);
        Assert.False(System.IO.File.Exists(Path.Combine(run.Workspace, "..", "x")), why);
        Assert.False(System.IO.File.Exists(Path.Combine(_temp.Path, "x")), why);
    }

    [Theory]
    [InlineData("../x", "'..'")]
    [InlineData("..\\x", "'..'")]
    [InlineData("/etc/x", "absolute")]
    [InlineData("C:/windows/x", "absolute")]
    public async Task ExecuteAsync_HostileZipName_IsRefused(string name, string message)
    {
        var archive = _temp.Combine("hostile.zip");
        Zip(archive, ("ok.txt", "fine", null), (name, "escape", null));

        using var run = await IntakeRun.ExecuteAsync(archive);

        run.AssertRefused(message);
    }

    [Fact]
    public async Task ExecuteAsync_ZipSymlinkOutside_IsRefused()
    {
        var archive = _temp.Combine("link.zip");
        Zip(archive, ("leak", "../../../etc/passwd", 0b1010_000_111_111_111));

        using var run = await IntakeRun.ExecuteAsync(archive);

        run.AssertRefused("'leak'", "outside the archive");
    }

    [Theory]
    [InlineData("zeros.tar.gz")]
    [InlineData("zeros.zip")]
    public async Task ExecuteAsync_CompressionBomb_IsRefusedByRatio(string name)
    {
        var archive = _temp.Combine(name);
        var zeros = new byte[8 * 1024 * 1024];
        if (name.EndsWith(".zip", StringComparison.Ordinal))
        {
            ZipBytes(archive, "zeros.bin", zeros);
        }
        else
        {
            Tar(archive, gzip: true, File("zeros.bin", zeros));
        }
        Assert.True(new FileInfo(archive).Length < 64 * 1024, "the fixture should compress far past 200:1");

        using var run = await IntakeRun.ExecuteAsync(archive);

        run.AssertRefused("MaxCompressionRatio");
    }

    [Fact]
    public async Task ExecuteAsync_RatioWithinLimit_IsAccepted()
    {
        var archive = _temp.Combine("zeros.tar.gz");
        Tar(archive, gzip: true, File("zeros.bin", new byte[2 * 1024 * 1024]));

        using var run = await IntakeRun.ExecuteAsync(archive, new IntakeOptions { MaxCompressionRatio = 10_000 });

        run.AssertSucceeded();
        Assert.Equal(2 * 1024 * 1024, run.Snapshot.Files.Single().Size);
    }

    [Fact]
    public async Task ExecuteAsync_TooManyEntries_IsRefused()
    {
        var archive = _temp.Combine("many.tar");
        Tar(archive, gzip: false, Enumerable.Range(0, 20).Select(i => (TarEntry)File($"f{i}.txt", "x")).ToArray());

        using var run = await IntakeRun.ExecuteAsync(archive, new IntakeOptions { MaxEntries = 10 });

        run.AssertRefused("MaxEntries");
    }

    [Fact]
    public async Task ExecuteAsync_TotalSizeOverLimit_IsRefused()
    {
        var archive = _temp.Combine("big.tar");
        var random = new byte[64 * 1024];
        Random.Shared.NextBytes(random);
        Tar(archive, gzip: false, File("a.bin", random), File("b.bin", random));

        using var run = await IntakeRun.ExecuteAsync(archive, new IntakeOptions { MaxTotalBytes = 100 * 1024 });

        run.AssertRefused("MaxTotalBytes");
    }

    [Fact]
    public async Task ExecuteAsync_FileOverLimit_IsRefused()
    {
        var archive = _temp.Combine("big.zip");
        Zip(archive, ("big.txt", new string('x', 5000), null));

        using var run = await IntakeRun.ExecuteAsync(archive, new IntakeOptions { MaxFileBytes = 1000 });

        run.AssertRefused("'big.txt'", "MaxFileBytes");
    }

    [Fact]
    public async Task ExecuteAsync_CorruptArchive_IsRefused()
    {
        var archive = _temp.Combine("broken.tar.gz");
        System.IO.File.WriteAllBytes(archive, [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]);

        using var run = await IntakeRun.ExecuteAsync(archive);

        run.AssertRefused("corrupt");
    }

    [Fact]
    public async Task ExecuteAsync_RetriedInTheSameWorkspace_Succeeds()
    {
        using var workspace = new TempFolder();
        var archive = _temp.Combine("a.zip");
        Zip(archive, ("a.txt", "a", null));
        var request = new Noa.Abstractions.DigestRequest { Source = archive };

        using var first = await IntakeRun.ExecuteAsync(request, workspace: workspace.Path);
        using var second = await IntakeRun.ExecuteAsync(request, workspace: workspace.Path);

        second.AssertSucceeded();
        Assert.Equal(first.Snapshot.TreeHash, second.Snapshot.TreeHash);
    }
}
