using System.Diagnostics;
using System.Text.Json;

namespace Noa.IntegrationTests;

/// <summary>
/// The Registrar through the real executable: noa digest publishes to the embedded OCI layout, noa pull brings the bundle
/// back byte for byte, noa verify passes and then fails on a tampered layer; noa publish to the real registry of
/// scripts/services.sh, read back by noa pull and by skopeo.
/// </summary>
public sealed class RegistrarCommandTests : IDisposable
{
    private readonly TempDir _temp = new("noa-it-reg");
    private string Home => _temp.Combine("home");

    [Fact]
    public async Task Digest_PublishesToTheLayout_PullIsByteIdenticalAndATamperedLayerFailsVerify()
    {
        var (runId, output, reference) = await DigestAsync();

        var pulled = await NoaProcess.RunAsync(Home, "pull", reference, "--out", _temp.Combine("pulled"));
        var verified = await NoaProcess.RunAsync(Home, "verify", reference);
        var layer = Directory.GetFiles(Path.Combine(Home, "oci"), "*", SearchOption.AllDirectories)
            .Single(f => Path.GetFileName(f) == Sha256(Path.Combine(output, "profile.json")));
        await File.WriteAllTextAsync(layer, "{\"languages\":[]}");
        var tampered = await NoaProcess.RunAsync(Home, "verify", reference);

        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        AssertSameBundle(output, _temp.Combine("pulled"));
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("provenance signed by key", verified.Stdout);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("FAIL  profile.json: content is sha256:", tampered.Stdout);
        Assert.StartsWith("run_", runId);
    }

    [Theory]
    [InlineData("pull")]
    [InlineData("verify")]
    public async Task ABadRef_IsBadInputSaidOnceInWords(string command)
    {
        var result = await NoaProcess.RunAsync(Home, command, "Not A Reference!");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("noa: ", lines[0]);
        Assert.DoesNotContain("(Parameter", lines[0]);
    }

    [Fact]
    public async Task Publish_ToTheRealRegistry_IsPulledByteIdenticalVerifiedAndReadBySkopeo()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            (await http.GetAsync("http://127.0.0.1:5000/v2/")).EnsureSuccessStatusCode();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Requirement.Unmet($"the OCI registry is not reachable at 127.0.0.1:5000 ({e.Message}); start it with scripts/services.sh");
        }
        var skopeo = Requirement.Present(new[] { "/usr/bin/skopeo", "/usr/local/bin/skopeo" }.FirstOrDefault(File.Exists),
            "skopeo is not installed (scripts/capsule.sh installs it; or apt-get install skopeo)");
        var (runId, output, _) = await DigestAsync();
        var prefix = "noa-it-" + Guid.NewGuid().ToString("N")[..12];
        var registry = new Dictionary<string, string>
        {
            ["Noa__Bundles__Provider"] = "registry", ["Noa__Bundles__Registry__Url"] = "http://127.0.0.1:5000", ["Noa__Registrar__RepositoryPrefix"] = prefix,
        };

        var published = await NoaProcess.RunAsync(Home, registry, "publish", runId);
        Assert.True(published.ExitCode == 0, published.ToString());
        var reference = "127.0.0.1:5000/" + published.Stdout.Split(' ')[1];
        var pulled = await NoaProcess.RunAsync(Home, "pull", reference, "--plain-http", "--out", _temp.Combine("pulled"));
        var verified = await NoaProcess.RunAsync(Home, "verify", reference, "--plain-http");
        var again = await NoaProcess.RunAsync(Home, registry, "publish", runId);
        var raw = await RunAsync(skopeo, "inspect", "--raw", "--tls-verify=false", "docker://" + reference);

        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        AssertSameBundle(output, _temp.Combine("pulled"));
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("TagScheme", published.Stdout); // distribution 2.x: referrers by the sha256- tag fallback
        Assert.StartsWith("already published", again.Stdout);
        Assert.Equal(await File.ReadAllTextAsync(_temp.Combine("pulled/.oci/manifest.json")), raw.TrimEnd('\n'));
    }

    public void Dispose() => _temp.Dispose();

    private async Task<(string RunId, string Output, string Reference)> DigestAsync()
    {
        _temp.Write("src/app.py", "import os\n\n\ndef main():\n    print(os.environ.get('PORT', '8080'))\n");
        _temp.Write("src/LICENSE", File.ReadAllText("/usr/share/common-licenses/Apache-2.0"));
        var output = _temp.Combine("out");
        var digest = await NoaProcess.RunAsync(Home, "digest", _temp.Combine("src"), "--out", output);
        Assert.True(digest.ExitCode == 0, digest.ToString());
        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "registrar.json")));
        var runId = System.Text.RegularExpressions.Regex.Match(digest.Stdout, @"run_[0-9A-Z]{26}").Value;
        return (runId, output, record.RootElement.GetProperty("reference").GetString()!);
    }

    // Every file of the exported bundle (but registrar.json, written after publishing) is in the pull, byte for byte.
    private static void AssertSameBundle(string exported, string pulled)
    {
        var files = Directory.GetFiles(exported, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(exported, f))
            .Where(f => f != "registrar.json").ToArray();
        Assert.NotEmpty(files);
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(exported, file)), File.ReadAllBytes(Path.Combine(pulled, file)));
        var pulledFiles = Directory.GetFiles(pulled, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(pulled, f))
            .Where(f => !f.StartsWith(".oci", StringComparison.Ordinal));
        Assert.Equal(files.Order(StringComparer.Ordinal), pulledFiles.Order(StringComparer.Ordinal));
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {await stderr}");
        return await stdout;
    }
}
