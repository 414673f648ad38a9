using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Stages.Classifier;
using Noa.Stages.Safety.Engines;

namespace Noa.Stages.Safety.Tests;

/// <summary>One licence text, three readers: the Classifier's profile, the SBOM and the policy's licence gate must read
/// it alike. Each case is one the three copies of the SPDX parser disagreed on.</summary>
public sealed class LicenceAgreementTests
{
    [Theory]
    // Cargo's legacy "/": invalid in the Classifier, "MIT OR Apache-2.0" in the SBOM.
    [InlineData("MIT/Apache-2.0", "MIT OR Apache-2.0", "pass")]
    // Mixed-case operator: invalid in the Classifier, accepted by the SBOM and the policy.
    [InlineData("MIT Or ISC", "MIT OR ISC", "pass")]
    // Id-shaped but on no list: the policy's parser took any such token for a licence.
    [InlineData("Foo-Bar-1.0", null, "warn")]
    [InlineData("AGPL-3.0", "AGPL-3.0", "fail")]
    public async Task ClassifierSbomAndPolicy_ReadTheSameLicenceAlike(string declared, string? expected, string gate)
    {
        var license = JsonSerializer.Serialize(declared);
        var lockfile = "{\"name\":\"app\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"packages\":{"
            + "\"\":{\"name\":\"app\",\"version\":\"1.0.0\",\"license\":" + license + ",\"dependencies\":{\"dep\":\"1.0.0\"}},"
            + "\"node_modules/dep\":{\"version\":\"1.0.0\",\"license\":" + license + "}}}";
        var manifest = "{\"name\":\"app\",\"version\":\"1.0.0\",\"license\":" + license + ",\"dependencies\":{\"dep\":\"1.0.0\"}}";
        var tree = new MemorySourceTree(("package.json", manifest),
            ("package-lock.json", lockfile));
        var artifacts = new MemoryArtifacts();
        var context = Context(tree, artifacts);
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(context, CancellationToken.None)).Status);
        var options = Options.Create(new SafetyOptions { OnlineAdvisories = ["none"] });
        var stage = new SafetyStage([new SbomEngine(), new ProjectLicenseEngine()], options, new ServiceCollection().BuildServiceProvider(), NullLogger<SafetyStage>.Instance);
        await stage.ExecuteAsync(context, CancellationToken.None);

        using var profile = JsonDocument.Parse(artifacts.Files["profile.json"]);
        var fromManifest = profile.RootElement.GetProperty("licenses").GetProperty("declared").EnumerateArray()
            .Single(d => d.GetProperty("path").GetString() == "package.json");
        Assert.Equal(expected is not null, fromManifest.GetProperty("valid").GetBoolean());
        Assert.Equal(expected, fromManifest.TryGetProperty("normalized", out var n) ? n.GetString() : null);

        using var cdx = JsonDocument.Parse(artifacts.Files["sbom.cdx.json"]);
        var licence = cdx.RootElement.GetProperty("components").EnumerateArray().Single().GetProperty("licenses")[0];
        var sbom = licence.TryGetProperty("expression", out var e) ? e.GetString()
            : licence.GetProperty("license").TryGetProperty("id", out var id) ? id.GetString() : null;
        Assert.Equal(expected, sbom);

        using var report = JsonDocument.Parse(artifacts.Files["safety.json"]);
        var licenses = report.RootElement.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("gate").GetString() == "licenses");
        Assert.Equal(gate, licenses.GetProperty("decision").GetString());
    }

    private static StageContext Context(ISourceTree tree, IRunArtifacts artifacts) => new()
    {
        RunId = "run-1",
        Request = new DigestRequest { Source = "/src/app" },
        Attempt = 1,
        Workspace = Path.Combine(Path.GetTempPath(), "noa-safety-tests"),
        Artifacts = artifacts,
        Source = tree,
        Progress = new Progress<StageProgress>(),
        Time = TimeProvider.System,
    };
}
