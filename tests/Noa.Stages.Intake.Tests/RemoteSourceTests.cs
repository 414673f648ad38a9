using System.Net;
using System.Net.Sockets;
using System.Text;
using Noa.Abstractions;
using Noa.Stages.Intake.Tests.Support;

namespace Noa.Stages.Intake.Tests;

public sealed class RemoteSourceTests : IDisposable
{
    private readonly TcpListener _trap = new(IPAddress.Loopback, 0);

    public RemoteSourceTests() => _trap.Start();

    private int TrapPort => ((IPEndPoint)_trap.LocalEndpoint).Port;

    public void Dispose() => _trap.Stop();

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("localhost", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("[::1]", "loopback")]
    [InlineData("[::ffff:127.0.0.1]", "loopback")]
    [InlineData("100.64.0.1", "CGNAT")]
    [InlineData("[fd00::1]", "unique local")]
    [InlineData("0.0.0.0", "unspecified")]
    public async Task ExecuteAsync_PrivateHost_IsRefusedWithoutTraffic(string host, string why)
    {
        foreach (var url in new[] { $"http://{host}:{TrapPort}/openapi.json", $"https://{host}:{TrapPort}/org/repo.git", $"http://{host}:{TrapPort}/src.tar.gz" })
        {
            using var run = await IntakeRun.ExecuteAsync(url);

            run.AssertRefused(why, "AllowPrivateNetworks");
        }
        Assert.False(_trap.Pending(), "a connection reached the loopback listener");
    }

    [Theory]
    [InlineData("ftp://example.com/spec.yaml", "'ftp'")]
    [InlineData("gopher://example.com/x", "'gopher'")]
    [InlineData("ext::sh -c touch% /tmp/pwned", "'ext'")]
    [InlineData("--upload-pack=touch /tmp/pwned", "not a path or URL")]
    [InlineData("", "empty")]
    public async Task ExecuteAsync_UnsupportedScheme_IsRefused(string source, string message)
    {
        using var run = await IntakeRun.ExecuteAsync(source);

        run.AssertRefused(message);
    }

    [Fact]
    public async Task ExecuteAsync_LocalSourcesOutsideAllowedRoots_AreRefused()
    {
        using var allowed = new TempFolder();
        using var other = new TempFolder();
        other.Write("spec/a.txt", "a");
        allowed.Write("inside/a.txt", "a");
        Directory.CreateSymbolicLink(allowed.Combine("escape"), other.Path);
        var options = new IntakeOptions { AllowedFileRoots = [allowed.Path] };

        using var fileUrl = await IntakeRun.ExecuteAsync("file://" + other.Combine("spec"), options);
        using var plainPath = await IntakeRun.ExecuteAsync(other.Combine("spec"), options);
        using var throughLink = await IntakeRun.ExecuteAsync(allowed.Combine("escape", "spec"), options);
        using var etc = await IntakeRun.ExecuteAsync("file:///etc/passwd", options);
        using var inside = await IntakeRun.ExecuteAsync("file://" + allowed.Combine("inside"), options);

        fileUrl.AssertRefused("outside the allowed file roots");
        plainPath.AssertRefused("outside the allowed file roots");
        throughLink.AssertRefused("outside the allowed file roots");
        etc.AssertRefused("outside the allowed file roots");
        inside.AssertSucceeded();
        Assert.Equal(["a.txt"], inside.Paths);
    }

    [Fact]
    public async Task ExecuteAsync_OpenApiUrlWithPrivateNetworksAllowed_DownloadsAndParses()
    {
        var spec = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "orders-3.0.yaml"));
        using var server = TinyHttpServer.Serve(spec);

        using var run = await IntakeRun.ExecuteAsync($"http://user:secret@127.0.0.1:{server.Port}/specs/orders.yaml?token=abc",
            new IntakeOptions { AllowPrivateNetworks = true });

        run.AssertSucceeded();
        Assert.Equal(["orders.yaml"], run.Paths);
        Assert.Equal("Orders API", run.Provenance.GetProperty("openApi").GetProperty("title").GetString());
        Assert.Equal($"http://***@127.0.0.1:{server.Port}/specs/orders.yaml?token=***", run.Provenance.GetProperty("locator").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_DocumentLargerThanLimit_IsRefused()
    {
        using var server = TinyHttpServer.Serve(Encoding.UTF8.GetBytes("openapi: 3.0.3\n" + new string('#', 10_000)));

        using var run = await IntakeRun.ExecuteAsync($"http://127.0.0.1:{server.Port}/big.yaml",
            new IntakeOptions { AllowPrivateNetworks = true, MaxDocumentBytes = 1000 });

        run.AssertRefused("the limit of 1000");
    }

    [Fact]
    public async Task DownloadAsync_HostRebindingToLoopback_IsRefusedAtConnect()
    {
        var calls = 0;
        // The first answer (the check before the request) is public; the one at connect time is loopback.
        var guard = new HostGuard(new IntakeOptions(), (_, _) =>
            Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new[] { IPAddress.Parse("93.184.215.14") } : [IPAddress.Loopback]));
        var downloader = new HttpDownloader(new IntakeOptions(), guard);
        using var temp = new TempFolder();

        var result = await downloader.DownloadAsync(new Uri($"http://rebind.example:{TrapPort}/openapi.json"), temp.Combine("x"), 1000, CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Contains("loopback", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, calls);
        Assert.False(_trap.Pending());
    }

    [Fact]
    public async Task ExecuteAsync_RemoteArchiveDeclaredAsOpenApiOverGit_IsRefused()
    {
        using var run = await IntakeRun.ExecuteAsync(new DigestRequest { Source = "git://example.com/spec.yaml", Kind = SourceKind.OpenApi });

        run.AssertRefused("http(s) URL");
    }

    [Fact]
    public async Task ReadAsync_GitOverHttp_ConnectsOnlyToTheCheckedAddress()
    {
        using var server = TinyHttpServer.Serve([]);
        server.Status = "404 Not Found";
        // "pinned.invalid" has no DNS entry: git can only reach the server through the pinned address.
        var guard = new HostGuard(new IntakeOptions { AllowPrivateNetworks = true }, (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));
        var reader = new GitReader(new IntakeOptions { AllowPrivateNetworks = true }, guard);
        var locator = SourceLocator.Parse($"http://pinned.invalid:{server.Port}/org/repo.git").Value!;
        using var workspace = new TempFolder();

        var result = await reader.ReadAsync(locator, null, new DigestRequest { Source = locator.Raw }, workspace.Path, CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Contains("git could not fetch", result.Error, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.StartsWith("GET /org/repo.git/info/refs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_ArchiveUrl_DownloadsAndExtracts()
    {
        using var temp = new TempFolder();
        var archive = temp.Combine("src.tar.gz");
        ArchiveBuilder.Tar(archive, true, ArchiveBuilder.File("pkg/index.js", "module.exports = 1;\n"));
        using var server = TinyHttpServer.Serve(File.ReadAllBytes(archive));

        using var run = await IntakeRun.ExecuteAsync($"http://127.0.0.1:{server.Port}/dl/src.tar.gz", new IntakeOptions { AllowPrivateNetworks = true });

        run.AssertSucceeded();
        Assert.Equal(["pkg/index.js"], run.Paths);
        Assert.Equal("tar.gz", run.Provenance.GetProperty("archive").GetProperty("format").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_ServerThatNeverAnswers_FailsAsRetryableTimeout()
    {
        // The trap listener accepts connections into its backlog and never answers.
        using var run = await IntakeRun.ExecuteAsync($"http://127.0.0.1:{TrapPort}/openapi.json",
            new IntakeOptions { AllowPrivateNetworks = true, DownloadTimeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal(StageFailure.Timeout, run.Outcome.Failure!.ErrorType);
        Assert.False(run.Outcome.Failure.NonRetryable);
        Assert.Contains("DownloadTimeout", run.Error, StringComparison.Ordinal);
    }
}
