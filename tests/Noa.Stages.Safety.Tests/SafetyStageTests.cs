using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Stages.Classifier;
using Noa.Stages.Safety.Engines;

namespace Noa.Stages.Safety.Tests;

/// <summary>The stage on real classifier output: the project licence engine, the policy, the artifacts and the gate.</summary>
public sealed class SafetyStageTests
{
    /// <summary>The advisory sources' client factory, registered as the stage registers it.</summary>
    internal static readonly IHttpClientFactory AdvisoryClients =
        new ServiceCollection().AddAdvisoryHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    private static async Task<(StageOutcome Outcome, MemoryArtifacts Artifacts)> RunAsync(string license, string? policy = null, IPolicyStore? store = null)
    {
        var tree = new MemorySourceTree(("package.json", $"{{\"name\":\"app\",\"version\":\"1.0.0\",\"license\":\"{license}\"}}"), ("index.js", "module.exports = 1;\n"));
        var artifacts = new MemoryArtifacts();
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(Context(tree, artifacts, policy), CancellationToken.None)).Status);
        var services = new ServiceCollection();
        if (store is not null)
        {
            services.AddSingleton(store);
        }
        var stage = new SafetyStage([new ProjectLicenseEngine()], Options.Create(new SafetyOptions()), services.BuildServiceProvider(), NullLogger<SafetyStage>.Instance);
        return (await stage.ExecuteAsync(Context(tree, artifacts, policy), CancellationToken.None), artifacts);
    }

    [Fact]
    public async Task DeniedProjectLicence_FailsTheGate_WithTheReason()
    {
        var (outcome, artifacts) = await RunAsync("AGPL-3.0-only");
        Assert.Equal(StageStatus.GateFailed, outcome.Status);
        Assert.Contains("licenses: 1 licence(s) not allowed: project (AGPL-3.0-only)", outcome.GateReason);
        using var report = JsonDocument.Parse(artifacts.Files["safety.json"]);
        Assert.Equal("fail", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("policies/default.yaml (embedded)", report.RootElement.GetProperty("policy").GetString());
        using var sarif = JsonDocument.Parse(artifacts.Files["safety.sarif"]);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.Equal("licenses", sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AllowedLicence_Passes()
    {
        var (outcome, artifacts) = await RunAsync("MIT");
        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        Assert.Equal("application/sarif+json", artifacts.MediaTypes["safety.sarif"]);
    }

    [Fact]
    public async Task NamedPolicy_FromTheStore_ReplacesTheDefault()
    {
        var store = new MemoryPolicies(new PolicyDocument("lenient", "{\"licenses\":{\"deny\":[]}}", DateTimeOffset.UnixEpoch, "admin"));
        var (outcome, artifacts) = await RunAsync("AGPL-3.0-only", "lenient", store);
        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        Assert.Equal("stored policy 'lenient'", JsonDocument.Parse(artifacts.Files["safety.json"]).RootElement.GetProperty("policy").GetString());

        var (missing, _) = await RunAsync("MIT", "nope", store);
        Assert.Equal(StageFailure.BadInput, missing.Failure?.ErrorType);
        Assert.Contains("policy 'nope', which is not stored", missing.Failure?.Message);
    }

    [Fact]
    public async Task RuleFinding_AboveTheMaximumSeverity_Blocks_AndASuppressedOneDoesNot()
    {
        var tree = new MemorySourceTree(
            ("package.json", "{\"name\":\"app\",\"license\":\"MIT\"}"),
            ("app.py", "import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n"),
            ("ok.py", "import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)  # noa:ignore python-subprocess-shell\n"));
        var artifacts = new MemoryArtifacts();
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(Context(tree, artifacts, null), CancellationToken.None)).Status);
        using var rules = new RulesEngine();
        var stage = new SafetyStage([new ProjectLicenseEngine(), rules], Options.Create(new SafetyOptions()), new ServiceCollection().BuildServiceProvider(), NullLogger<SafetyStage>.Instance);

        var outcome = await stage.ExecuteAsync(Context(tree, artifacts, null), CancellationToken.None);

        Assert.Equal(StageStatus.GateFailed, outcome.Status);
        Assert.Contains("python-subprocess-shell (high) at app.py:4", outcome.GateReason);
        Assert.DoesNotContain("ok.py", outcome.GateReason);
        using var sarif = JsonDocument.Parse(artifacts.Files["safety.sarif"]);
        var run = sarif.RootElement.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString() == "noa-rules");
        Assert.Equal(2, run.GetProperty("results").GetArrayLength()); // the suppressed one is kept, marked
    }

    [Fact]
    public async Task PlantedSecret_Blocks_WithTheSecretRedactedEverywhere()
    {
        // Built at runtime so that no scanner flags this test file itself.
        var key = "AKIA" + "Z7QW3XKM9PLR2TVB";
        var secret = "wJalrXUtnFEMI" + "/K7MDENG/bPxRfiCY9x2Lk7Qp";
        var tree = new MemorySourceTree(
            ("package.json", "{\"name\":\"app\",\"license\":\"MIT\"}"),
            ("config.py", $"AWS_ACCESS_KEY_ID = \"{key}\"\nAWS_SECRET_ACCESS_KEY = \"{secret}\"\n"));
        var artifacts = new MemoryArtifacts();
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(Context(tree, artifacts, null), CancellationToken.None)).Status);
        var options = Options.Create(new SafetyOptions { ExternalScanners = false });
        var stage = new SafetyStage([new ProjectLicenseEngine(), new SecretsEngine(options)], options, new ServiceCollection().BuildServiceProvider(), NullLogger<SafetyStage>.Instance);

        var outcome = await stage.ExecuteAsync(Context(tree, artifacts, null), CancellationToken.None);

        Assert.Equal(StageStatus.GateFailed, outcome.Status);
        Assert.Contains("secrets: ", outcome.GateReason);
        Assert.Contains("config.py:1", outcome.GateReason);
        foreach (var (path, bytes) in artifacts.Files)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain(key, text);
            Assert.DoesNotContain(secret, text);
        }
        Assert.DoesNotContain(key, outcome.GateReason);
    }

    [Fact]
    public async Task Sbom_BothFormats_AndADeniedDependencyLicence_Blocks()
    {
        var lockfile = """
            {"name":"app","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
              "":{"name":"app","version":"1.0.0","license":"MIT","dependencies":{"left-pad":"1.3.0","copyleft":"2.0.0"}},
              "node_modules/left-pad":{"version":"1.3.0","resolved":"https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz","integrity":"sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQEQ+kCK1KX9wmmqjYxdpnmfp9wArJfRN8spOfeawZQ9TSIw==","license":"WTFPL"},
              "node_modules/copyleft":{"version":"2.0.0","license":"AGPL-3.0-only"}}}
            """;
        var tree = new MemorySourceTree(("package.json", "{\"name\":\"app\",\"version\":\"1.0.0\",\"license\":\"MIT\",\"dependencies\":{\"left-pad\":\"1.3.0\",\"copyleft\":\"2.0.0\"}}"),
            ("package-lock.json", lockfile), ("index.js", "module.exports = 1;\n"));
        var artifacts = new MemoryArtifacts();
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(Context(tree, artifacts, null), CancellationToken.None)).Status);
        var options = Options.Create(new SafetyOptions { OnlineAdvisories = ["none"] });
        var stage = new SafetyStage([new SbomEngine(), new ProjectLicenseEngine(), new VulnerabilityEngine(options, AdvisoryClients)], options,
            new ServiceCollection().BuildServiceProvider(), NullLogger<SafetyStage>.Instance);

        var outcome = await stage.ExecuteAsync(Context(tree, artifacts, null), CancellationToken.None);

        Assert.Equal(StageStatus.GateFailed, outcome.Status);
        Assert.Contains("pkg:npm/copyleft@2.0.0 (AGPL-3.0-only)", outcome.GateReason);
        using var cdx = JsonDocument.Parse(artifacts.Files["sbom.cdx.json"]);
        Assert.Equal("1.6", cdx.RootElement.GetProperty("specVersion").GetString());
        Assert.Equal(2, cdx.RootElement.GetProperty("components").GetArrayLength());
        using var spdx = JsonDocument.Parse(artifacts.Files["sbom.spdx.json"]);
        Assert.Equal("SPDX-2.3", spdx.RootElement.GetProperty("spdxVersion").GetString());
        using var report = JsonDocument.Parse(artifacts.Files["safety.json"]);
        var vulnerabilities = report.RootElement.GetProperty("engines").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "vulnerabilities");
        Assert.StartsWith("2 packages", vulnerabilities.GetProperty("summary").GetString()); // no advisory source configured: said so
    }

    [Fact]
    public async Task Sbom_FixtureLockfile_IsLeftOut_OfTheSbomAndTheGate_AndTheReportSaysSo()
    {
        var own = """
            {"name":"app","version":"1.0.0","lockfileVersion":3,"packages":{
              "":{"name":"app","version":"1.0.0","license":"MIT","dependencies":{"left-pad":"1.3.0"}},
              "node_modules/left-pad":{"version":"1.3.0","license":"MIT"}}}
            """;
        // A test input of the project: an AGPL dependency that the project never ships.
        var fixture = """
            {"name":"sample","version":"0.0.1","lockfileVersion":3,"packages":{
              "":{"name":"sample","version":"0.0.1","dependencies":{"copyleft":"2.0.0"}},
              "node_modules/copyleft":{"version":"2.0.0","license":"AGPL-3.0-only"}}}
            """;
        var tree = new MemorySourceTree(("package.json", "{\"name\":\"app\",\"version\":\"1.0.0\",\"license\":\"MIT\"}"), ("package-lock.json", own),
            ("test/fixtures/sample/package-lock.json", fixture), ("index.js", "module.exports = 1;\n"));
        var artifacts = new MemoryArtifacts();
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(Context(tree, artifacts, null), CancellationToken.None)).Status);
        var options = Options.Create(new SafetyOptions { OnlineAdvisories = ["none"] });
        var stage = new SafetyStage([new SbomEngine(), new ProjectLicenseEngine(), new VulnerabilityEngine(options, AdvisoryClients)], options,
            new ServiceCollection().BuildServiceProvider(), NullLogger<SafetyStage>.Instance);

        var outcome = await stage.ExecuteAsync(Context(tree, artifacts, null), CancellationToken.None);

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        using var cdx = JsonDocument.Parse(artifacts.Files["sbom.cdx.json"]);
        Assert.Equal(["left-pad"], cdx.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        using var report = JsonDocument.Parse(artifacts.Files["safety.json"]);
        var skipped = Assert.Single(report.RootElement.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("engine").GetString() == "sbom");
        Assert.Equal("test/fixtures/sample/package-lock.json", skipped.GetProperty("input").GetString());
        Assert.Equal("excluded", skipped.GetProperty("reason").GetString());
        Assert.Contains("test-fixture folder", skipped.GetProperty("detail").GetString());
        var vulnerabilities = report.RootElement.GetProperty("engines").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "vulnerabilities");
        Assert.StartsWith("1 packages", vulnerabilities.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task VulnerableDependency_FromAnImportedOsvExport_Blocks()
    {
        var db = Path.Combine(Path.GetTempPath(), $"noa-advisories-{Guid.NewGuid():N}.db");
        try
        {
            using (var store = Noa.Safety.Vulnerabilities.Store.AdvisoryStore.Open(db))
            {
                var report = await store.ImportAsync(Path.Combine(AppContext.BaseDirectory, "osv"));
                Assert.True(report.Stored >= 6, $"stored {report.Stored}");
            }
            var lockfile = """
                {"name":"app","version":"1.0.0","lockfileVersion":3,"packages":{
                  "":{"name":"app","version":"1.0.0","dependencies":{"lodash":"4.17.15"}},
                  "node_modules/lodash":{"version":"4.17.15","license":"MIT"}}}
                """;
            var tree = new MemorySourceTree(("package.json", "{\"name\":\"app\",\"license\":\"MIT\",\"dependencies\":{\"lodash\":\"4.17.15\"}}"), ("package-lock.json", lockfile));
            var artifacts = new MemoryArtifacts();
            var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
            Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(Context(tree, artifacts, null), CancellationToken.None)).Status);
            var options = Options.Create(new SafetyOptions { AdvisoryDatabase = db, OnlineAdvisories = ["none"] });
            var stage = new SafetyStage([new SbomEngine(), new VulnerabilityEngine(options, AdvisoryClients)], options, new ServiceCollection().BuildServiceProvider(), NullLogger<SafetyStage>.Instance);

            var outcome = await stage.ExecuteAsync(Context(tree, artifacts, null), CancellationToken.None);

            Assert.Equal(StageStatus.GateFailed, outcome.Status);
            Assert.Contains("GHSA-35jh-r3h4-6jhm (high) at npm lodash 4.17.15", outcome.GateReason);
            using var report2 = JsonDocument.Parse(artifacts.Files["safety.json"]);
            var finding = report2.RootElement.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("id").GetString() == "GHSA-35jh-r3h4-6jhm");
            Assert.Contains("CVE-2021-23337", finding.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
            Assert.Contains("fixed in 4.17.21", finding.GetProperty("message").GetString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(db);
        }
    }

    [Fact]
    public void Stage_DependsOnTheClassifier() =>
        Assert.Equal([new StageDependency("classifier")], new SafetyStage([], Options.Create(new SafetyOptions()), new ServiceCollection().BuildServiceProvider(), NullLogger<SafetyStage>.Instance).Dependencies);

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
