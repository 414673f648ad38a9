using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Stages.Classifier;
using Noa.Stages.Safety.Engines;

namespace Noa.Stages.Safety.Tests;

/// <summary>The gate fails closed: an engine that cannot finish blocks unless the policy names it; odd file names are
/// scanned, not thrown on; every input an engine skipped is listed and judged by the policy.</summary>
public sealed class FailClosedTests
{
    [Fact]
    public async Task EngineThatCannotFinish_FailsTheGate_UnlessThePolicyAllowsIt()
    {
        var tree = new MemorySourceTree(("package.json", "{\"name\":\"app\",\"license\":\"MIT\"}"), ("app.py", "print(1)\n"));
        // Control: the same engine that can finish passes this clean tree.
        var (control, _) = await RunAsync(tree, new SafetyOptions { ExternalScanners = false }, o => [new SecretsEngine(o)]);
        Assert.Equal(StageStatus.Succeeded, control.Status);

        // A real failure: the configured rule file does not exist, so the secrets engine cannot start.
        var broken = new SafetyOptions { ExternalScanners = false, SecretsConfig = "/nonexistent/gitleaks.toml" };
        var (blocked, artifacts) = await RunAsync(tree, broken, o => [new SecretsEngine(o)]);

        Assert.Equal(StageStatus.GateFailed, blocked.Status);
        Assert.Contains("engines: secrets could not finish: DirectoryNotFoundException", blocked.GateReason);
        using var report = JsonDocument.Parse(artifacts.Files["safety.json"]);
        var engine = Assert.Single(report.RootElement.GetProperty("engines").EnumerateArray());
        Assert.Equal("failed", engine.GetProperty("status").GetString());

        var store = new MemoryPolicies(new PolicyDocument("lenient", "allowFailure: [secrets]\n", DateTimeOffset.UnixEpoch, "admin"));
        var (allowed, allowedArtifacts) = await RunAsync(tree, broken, o => [new SecretsEngine(o)], "lenient", store);
        Assert.Equal(StageStatus.Succeeded, allowed.Status);
        using var lenient = JsonDocument.Parse(allowedArtifacts.Files["safety.json"]);
        Assert.Equal("warn", lenient.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("evil\u0001name.py")]
    [InlineData("dir/new\nline.py")]
    [InlineData("sp ace #1%.py")]
    [InlineData("tab\there/\u007fdel.py")]
    public async Task OddFileName_IsScanned_AndItsTokenBlocks(string name)
    {
        var token = RealFormatTokens.GitHubPat(seed: 11);
        var tree = new MemorySourceTree(("package.json", "{\"name\":\"app\",\"license\":\"MIT\"}"), (name, $"TOKEN = \"{token}\"\n"), ("ok.py", "print(1)\n"));
        // External scanners on: this snapshot cannot be written to a folder, which must not cost our own scan.
        var (outcome, artifacts) = await RunAsync(tree, new SafetyOptions { ExternalScanners = true }, o => [new SecretsEngine(o), new RulesEngine()]);

        Assert.Equal(StageStatus.GateFailed, outcome.Status);
        Assert.Contains("secrets: 1 secret(s) in the source (denied by the policy): github-pat", outcome.GateReason);
        Assert.DoesNotContain("engines:", outcome.GateReason);
        foreach (var (_, bytes) in artifacts.Files)
        {
            Assert.DoesNotContain(token, System.Text.Encoding.UTF8.GetString(bytes));
        }
        using var sarif = JsonDocument.Parse(artifacts.Files["safety.sarif"]);
        var uri = sarif.RootElement.GetProperty("runs").EnumerateArray().SelectMany(r => r.GetProperty("results").EnumerateArray())
            .Single(r => r.GetProperty("ruleId").GetString() == "github-pat")
            .GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
        Assert.Equal(name, Uri.UnescapeDataString(uri));
        Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), uri);
    }

    [Fact]
    public async Task OversizedLockfile_IsListed_AndLowersTheVerdictPerPolicy()
    {
        // 33 MiB of a valid lockfile: whitespace after the object.
        var lockfile = "{\"name\":\"app\",\"lockfileVersion\":3,\"packages\":{\"node_modules/left-pad\":{\"version\":\"1.3.0\",\"license\":\"MIT\"}}}"
            + new string(' ', 33 * 1024 * 1024);
        var tree = new MemorySourceTree(("package.json", "{\"name\":\"app\",\"license\":\"MIT\"}"), ("package-lock.json", lockfile));
        var options = new SafetyOptions { OnlineAdvisories = ["none"] };

        var (warned, artifacts) = await RunAsync(tree, options, o => [new SbomEngine(), new VulnerabilityEngine(o, SafetyStageTests.AdvisoryClients)]);

        Assert.Equal(StageStatus.Succeeded, warned.Status);
        using var report = JsonDocument.Parse(artifacts.Files["safety.json"]);
        Assert.Equal("warn", report.RootElement.GetProperty("status").GetString());
        var skipped = Assert.Single(report.RootElement.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("input").GetString() == "package-lock.json");
        Assert.Equal("too-large", skipped.GetProperty("reason").GetString());
        Assert.Equal("sbom", skipped.GetProperty("engine").GetString());
        var gate = report.RootElement.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("gate").GetString() == "skipped");
        Assert.Contains("too-large (warn): sbom package-lock.json", gate.GetProperty("reason").GetString());

        var store = new MemoryPolicies(new PolicyDocument("strict", "skipped:\n  too-large: deny\n", DateTimeOffset.UnixEpoch, "admin"));
        var (blocked, _) = await RunAsync(tree, options, o => [new SbomEngine(), new VulnerabilityEngine(o, SafetyStageTests.AdvisoryClients)], "strict", store);
        Assert.Equal(StageStatus.GateFailed, blocked.Status);
        Assert.Contains("skipped: ", blocked.GateReason);
    }

    [Fact]
    public async Task NoAdvisorySource_SaysWhy_AndListsEveryPackageAsUnmatched()
    {
        var lockfile = """
            {"name":"app","version":"1.0.0","lockfileVersion":3,"packages":{
              "":{"name":"app","version":"1.0.0","dependencies":{"left-pad":"1.3.0"}},
              "node_modules/left-pad":{"version":"1.3.0","license":"MIT"}}}
            """;
        var tree = new MemorySourceTree(("package.json", "{\"name\":\"app\",\"license\":\"MIT\",\"dependencies\":{\"left-pad\":\"1.3.0\"}}"),
            ("package-lock.json", lockfile), ("requirements.txt", "requests>=2.0\n"));
        // The OSV API by default, here at an address where nothing listens: unreachable, said quickly.
        var options = new SafetyOptions { OsvApi = new Uri("http://127.0.0.1:9/") };
        var started = TimeProvider.System.GetTimestamp();

        var (outcome, artifacts) = await RunAsync(tree, options, o => [new SbomEngine(), new VulnerabilityEngine(o, SafetyStageTests.AdvisoryClients)]);

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(20));
        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        using var report = JsonDocument.Parse(artifacts.Files["safety.json"]);
        var engine = report.RootElement.GetProperty("engines").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "vulnerabilities");
        var notes = engine.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(notes, n => n.StartsWith("osv-api did not answer: POST http://127.0.0.1:9/v1/querybatch", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("no offline advisory store imported", StringComparison.Ordinal));
        Assert.Contains("not matched: no advisory source answered", engine.GetProperty("summary").GetString());
        var skipped = report.RootElement.GetProperty("skipped").EnumerateArray().Where(s => s.GetProperty("engine").GetString() == "vulnerabilities")
            .ToDictionary(s => s.GetProperty("input").GetString()!, s => s.GetProperty("reason").GetString());
        Assert.Equal("unmatched", skipped["pkg:npm/left-pad@1.3.0"]);
        Assert.Equal("unpinned", skipped["pkg:pypi/requests"]);
        Assert.Equal("warn", report.RootElement.GetProperty("status").GetString());
    }

    private static async Task<(StageOutcome Outcome, MemoryArtifacts Artifacts)> RunAsync(ISourceTree tree, SafetyOptions safety,
        Func<IOptions<SafetyOptions>, ISafetyEngine[]> engines, string? policy = null, IPolicyStore? store = null)
    {
        var artifacts = new MemoryArtifacts();
        var context = Context(tree, artifacts, policy);
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(context, CancellationToken.None)).Status);
        var services = new ServiceCollection();
        if (store is not null)
        {
            services.AddSingleton(store);
        }
        var options = Options.Create(safety);
        var stage = new SafetyStage(engines(options), options, services.BuildServiceProvider(), NullLogger<SafetyStage>.Instance);
        return (await stage.ExecuteAsync(context, CancellationToken.None), artifacts);
    }

    private static StageContext Context(ISourceTree tree, IRunArtifacts artifacts, string? policy) => new()
    {
        RunId = "run-1",
        Request = new DigestRequest { Source = "/src/app", Policy = policy },
        Attempt = 1,
        Workspace = Path.Combine(Path.GetTempPath(), "noa-safety-tests"),
        Artifacts = artifacts,
        Source = tree,
        Progress = new Progress<StageProgress>(),
        Time = TimeProvider.System,
    };
}
