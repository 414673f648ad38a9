using Noa.Abstractions;
using Noa.Stages.Intake.Tests.Support;

namespace Noa.Stages.Intake.Tests;

public sealed class KindDetectionTests
{
    [Theory]
    [InlineData("https://github.com/org/repo.git", SourceKind.Git)]
    [InlineData("https://github.com/org/repo", SourceKind.Git)]
    [InlineData("ssh://git@example.com/org/repo", SourceKind.Git)]
    [InlineData("git://example.com/repo", SourceKind.Git)]
    [InlineData("https://example.com/dl/src-1.0.tar.gz", SourceKind.Archive)]
    [InlineData("https://example.com/dl/src.tgz", SourceKind.Archive)]
    [InlineData("https://example.com/dl/src.ZIP", SourceKind.Archive)]
    [InlineData("https://example.com/openapi.yaml", null)]
    [InlineData("https://example.com/models.json", null)]
    public void DetectRemote_Url_TellsTheKindOrDefersToContent(string url, SourceKind? expected) =>
        Assert.Equal(expected, KindDetector.DetectRemote(new Uri(url)));

    [Theory]
    [InlineData("a.yaml", "openapi: 3.0.0\ninfo: {}\n", SourceKind.OpenApi)]
    [InlineData("a.yml", "info: {title: x}\nswagger: '2.0'\n", SourceKind.OpenApi)]
    [InlineData("a.json", "{ \"info\": { \"openapi\": \"nested does not count\" }, \"swagger\": \"2.0\" }", SourceKind.OpenApi)]
    [InlineData("m.yaml", "models:\n  - name: x\n", SourceKind.ModelList)]
    [InlineData("m.json", "{ \"models\": [] }", SourceKind.ModelList)]
    public void DetectLocal_Document_ReadsTopLevelKeys(string name, string content, SourceKind expected)
    {
        using var temp = new TempFolder();
        var file = temp.Write(name, content);

        var kind = KindDetector.DetectLocal(file, name, new IntakeOptions(), CancellationToken.None);

        Assert.Equal(expected, kind.Value);
    }

    [Theory]
    [InlineData("openapi: ", "[")]
    [InlineData("openapi:\n", "- ")]
    [InlineData("openapi: ", "{a: ")]
    public async Task ExecuteAsync_YamlNested100kDeep_IsRefusedAtTheDepthLimit(string key, string level)
    {
        // 200-400 KB that cost ~27 s of CPU unguarded while the kind was sniffed, in both scheduler slots at once.
        using var temp = new TempFolder();
        var file = temp.Write("deep.yaml", key + string.Concat(Enumerable.Repeat(level, 100_000)) + "x");

        using var run = await IntakeRun.ExecuteAsync(file);

        run.AssertRefused("nesting deeper than 256 levels", "deep.yaml");
    }

    [Fact]
    public void DetectLocal_Cancelled_StopsTheSniff()
    {
        using var temp = new TempFolder();
        var file = temp.Write("deep.yaml", "openapi: " + new string('[', 100_000));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => KindDetector.DetectLocal(file, "deep.yaml", new IntakeOptions(), cancelled.Token));
    }

    [Theory]
    [InlineData("a.yaml", "info:\n  openapi: 3.0.0\n", "no top-level")]
    [InlineData("notes.txt", "hello", "cannot tell the kind")]
    public async Task ExecuteAsync_UnknownKind_IsRefusedNamingTheSource(string name, string content, string message)
    {
        using var temp = new TempFolder();
        var file = temp.Write(name, content);

        using var run = await IntakeRun.ExecuteAsync(file);

        run.AssertRefused(message, name);
    }

    [Fact]
    public async Task ExecuteAsync_MissingPath_IsRefused()
    {
        using var run = await IntakeRun.ExecuteAsync("/nonexistent/noa/source");

        run.AssertRefused("does not exist", "/nonexistent/noa/source");
    }

    [Fact]
    public async Task ExecuteAsync_RemoteFolder_IsRefusedBeforeAnyDownload()
    {
        using var run = await IntakeRun.ExecuteAsync("https://example.com/some/folder", kind: SourceKind.Folder);

        run.AssertRefused("must be a local path");
    }

    [Fact]
    public async Task ExecuteAsync_GitKindForAFile_IsRefused()
    {
        using var temp = new TempFolder();
        var file = temp.Write("a.txt", "a");

        using var run = await IntakeRun.ExecuteAsync(file, kind: SourceKind.Git);

        run.AssertRefused("is a file", "Git");
    }
}
