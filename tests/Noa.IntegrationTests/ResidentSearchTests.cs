using System.Diagnostics;

namespace Noa.IntegrationTests;

/// <summary>
/// <c>noa search</c> through the resident search process it starts: the same answer as a search in the CLI's own process,
/// a second search answered by the same process, and a digest made after it started is found (it loads the collection
/// again when the index changes); removing its home ends it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ResidentSearchTests : IDisposable
{
    private readonly TempDir _temp = new("noa-it");
    private string Home => _temp.Combine("home");

    private static readonly Dictionary<string, string> Resident = new() { ["Noa__Search__ResidentIdleSeconds"] = "120" };
    private static readonly Dictionary<string, string> InProcess = new() { ["Noa__Search__Resident"] = "false" };

    [Fact]
    public async Task Search_ThroughTheResidentProcess_AnswersAsInProcessAndFollowsANewDigest()
    {
        _temp.Write("src/dates.py", "from datetime import datetime\n\n\ndef parse_timestamp(text):\n    \"\"\"Parse an ISO date string into a datetime.\"\"\"\n    return datetime.fromisoformat(text)\n");
        _temp.Write("src/net.py", "import socket\n\n\ndef open_connection(host, port, timeout=5):\n    return socket.create_connection((host, port), timeout)\n");
        var digest = await NoaProcess.RunAsync(Home, "digest", _temp.Combine("src"), "--only", "embeddings", "--out", _temp.Combine("out1"));
        Assert.True(digest.ExitCode == 0, digest.ToString());

        var local = await NoaProcess.RunAsync(Home, InProcess, "search", "parse a date string", "--json", "-v");
        var first = await NoaProcess.RunAsync(Home, Resident, "search", "parse a date string", "--json", "-v");
        var second = await NoaProcess.RunAsync(Home, Resident, "search", "parse a date string", "--json", "-v");

        Assert.True(local.ExitCode == 0, local.ToString());
        Assert.DoesNotContain("resident", local.Stderr);
        Assert.Contains("parse_timestamp", local.Stdout);
        foreach (var resident in new[] { first, second })
        {
            Assert.True(resident.ExitCode == 0, resident.ToString());
            Assert.Contains("answered by the resident search process", resident.Stderr);
            Assert.Equal(local.Stdout, resident.Stdout);
        }
        var log = File.ReadAllText(Path.Combine(Home, "search", "resident.log"));
        Assert.Equal(1, log.Split('\n').Count(l => l.Contains(" serving ", StringComparison.Ordinal)));
        Assert.Equal("600", Convert.ToString((int)File.GetUnixFileMode(Path.Combine(Home, "search", "resident.sock")), 8));

        // A digest after the resident process loaded the collection: its next answer includes what was added.
        _temp.Write("src/archive.py", "import gzip\n\n\ndef compress_file_gzip(path):\n    with open(path, 'rb') as f, gzip.open(path + '.gz', 'wb') as out:\n        out.write(f.read())\n");
        digest = await NoaProcess.RunAsync(Home, "digest", _temp.Combine("src"), "--only", "embeddings", "--out", _temp.Combine("out2"));
        Assert.True(digest.ExitCode == 0, digest.ToString());
        var after = await NoaProcess.RunAsync(Home, Resident, "search", "compress_file_gzip", "--mode", "text", "--json", "-v");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("answered by the resident search process", after.Stderr);
        Assert.Contains("archive.py", after.Stdout);

        // Its home removed (a temporary home deleted by a test or a script): it exits instead of waiting out its idle time.
        using var server = Process.GetProcessById(int.Parse(File.ReadAllText(Path.Combine(Home, "search", "resident.pid"))));
        Directory.Delete(Home, recursive: true);
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await server.WaitForExitAsync(exited.Token);
    }

    [Fact]
    public async Task Digest_WarmAfterDigest_StartsTheResidentProcessThatAnswersThePlainSearchAfterIt()
    {
        _temp.Write("src/dates.py", "from datetime import datetime\n\n\ndef parse_timestamp(text):\n    return datetime.fromisoformat(text)\n");
        // The digest's own budget (as `make demo` sets it) is not a setting of the search: the process it starts answers
        // a search made without it.
        var digest = await NoaProcess.RunAsync(Home, new Dictionary<string, string>
        {
            ["Noa__Search__WarmAfterDigest"] = "true", ["Noa__Embeddings__MaxSeconds"] = "300",
        }, "digest", _temp.Combine("src"), "--only", "embeddings", "--out", _temp.Combine("out"));
        Assert.True(digest.ExitCode == 0, digest.ToString());

        var log = Path.Combine(Home, "search", "resident.log");
        Assert.True(File.Exists(log), $"the digest started no resident search process ({log} absent)\n{digest}");
        var clock = Stopwatch.StartNew();
        while (!File.ReadAllText(log).Contains(" serving ", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(100);
        Assert.Contains(" serving ", File.ReadAllText(log));

        var search = await NoaProcess.RunAsync(Home, "search", "parse a date string", "--json", "-v");
        Assert.True(search.ExitCode == 0, search.ToString());
        Assert.Contains("answered by the resident search process", search.Stderr);
        Assert.Contains("parse_timestamp", search.Stdout);
        var lines = File.ReadAllText(log).Split('\n');
        Assert.True(lines.Count(l => l.Contains(" serving ", StringComparison.Ordinal)) == 1, $"the search did not get the digest's process:\n{string.Join('\n', lines)}");
    }

    [Fact]
    public async Task Digest_ByDefaultWithItsOutputNotATerminal_StartsNoResidentProcess()
    {
        _temp.Write("src/dates.py", "def parse_timestamp(text):\n    return text\n");
        var digest = await NoaProcess.RunAsync(Home, "digest", _temp.Combine("src"), "--only", "embeddings", "--out", _temp.Combine("out"));
        Assert.True(digest.ExitCode == 0, digest.ToString());
        Assert.False(File.Exists(Path.Combine(Home, "search", "resident.log")), "a digest from a script started a resident search process");
    }

    public void Dispose()
    {
        // End the resident process rather than leave it to its idle timeout.
        var lockFile = Path.Combine(Home, "search", "resident.pid");
        if (File.Exists(lockFile) && int.TryParse(File.ReadAllText(lockFile), out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }
        _temp.Dispose();
    }
}
