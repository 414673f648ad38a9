using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Safety.Rules;
using Noa.Stages.Classifier;
using Noa.Stages.Safety.Engines;

namespace Noa.Stages.Safety.Tests;

/// <summary>The whole <c>safety.sarif</c> of a stage run with every engine finding something, validated against the
/// official SARIF 2.1.0 JSON Schema (sarif-2.1.0-rtm.5.json, MIT, as shipped by the npm package @microsoft/jest-sarif),
/// installed by scripts/sarif-schema.sh (<c>make schemas</c>) into Sarif/node_modules.</summary>
public sealed partial class SarifSchemaTests
{
    private const string SchemaPath = "tests/Noa.Stages.Safety.Tests/Sarif/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json";

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.Ordinal)
    {
        ["python"] = "py", ["javascript"] = "js", ["typescript"] = "ts", ["tsx"] = "tsx", ["go"] = "go", ["rust"] = "rs", ["java"] = "java", ["csharp"] = "cs",
    };

    [GeneratedRegex(@"\$[A-Za-z_]\w*")]
    private static partial Regex Placeholder();

    [Fact]
    public async Task SafetySarif_OfEveryEngine_IsValidSarif210_WithOneFingerprintKeyAndASourceRootPerRun()
    {
        var schemaFile = Requirement.Present(Find(SchemaPath), $"{SchemaPath} is missing: run scripts/sarif-schema.sh (make schemas).");
        using var pack = RulePack.LoadDefault();
        var files = new List<(string, string)> { ("package.json", "{\"name\":\"app\",\"license\":\"MIT\"}") };
        // Every rule's own positive example, in a folder whose name needs escaping in a URI; half of them suppressed.
        var i = 0;
        foreach (var rule in pack.Rules)
        {
            var language = rule.Languages[0];
            var comment = language == "python" ? "#" : "//";
            var code = i++ % 2 == 0 ? rule.Tests.Positive : rule.Tests.Positive.Replace("\n", $"  {comment} noa:ignore {rule.Id}\n", StringComparison.Ordinal);
            files.Add(($"src/{rule.Id} dir/case{i}.{Extensions[language]}", code));
        }
        files.Add(("config/settings.py", $"GITHUB_TOKEN = \"{RealFormatTokens.GitHubPat(seed: 3)}\"\n"));
        var tree = new MemorySourceTree([.. files]);
        var artifacts = new MemoryArtifacts();
        var context = Context(tree, artifacts);
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(context, CancellationToken.None)).Status);
        var options = Options.Create(new SafetyOptions { ExternalScanners = false, OnlineAdvisories = ["none"] });
        using var rules = new RulesEngine();
        var stage = new SafetyStage([new SbomEngine(), new ProjectLicenseEngine(), new VulnerabilityEngine(options, SafetyStageTests.AdvisoryClients), rules, new SecretsEngine(options)],
            options, new ServiceCollection().BuildServiceProvider(), NullLogger<SafetyStage>.Instance);

        await stage.ExecuteAsync(context, CancellationToken.None);

        var log = JsonNode.Parse(artifacts.Files["safety.sarif"])!;
        var evaluation = Schema(schemaFile).Evaluate(log, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(evaluation.IsValid, string.Join("\n", evaluation.Details.Where(d => d.HasErrors).Take(10)
            .Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")));

        var runs = log["runs"]!.AsArray();
        Assert.Equal(["sbom", "licenses", "vulnerabilities", "noa-rules", "secrets"], runs.Select(r => (string?)r!["tool"]!["driver"]!["name"]));
        Assert.All(runs, run =>
        {
            Assert.Equal("utf16CodeUnits", (string?)run!["columnKind"]);
            Assert.NotNull(run["originalUriBaseIds"]!["%SRCROOT%"]);
            var driverRules = run["tool"]!["driver"]!["rules"]!.AsArray();
            foreach (var result in run["results"]!.AsArray())
            {
                Assert.Equal((string?)driverRules[(int)result!["ruleIndex"]!]!["id"], (string?)result["ruleId"]);
                if (result["partialFingerprints"] is JsonObject fingerprints)
                {
                    Assert.Equal(["noa/v1"], fingerprints.Select(p => p.Key));
                }
                Assert.DoesNotMatch(Placeholder(), (string?)result["message"]!["text"]);
                if (result["locations"]![0]!["physicalLocation"] is { } physical)
                {
                    Assert.Equal("%SRCROOT%", (string?)physical["artifactLocation"]!["uriBaseId"]);
                }
            }
        });
        var ruleRun = runs.Single(r => (string?)r!["tool"]!["driver"]!["name"] == "noa-rules")!;
        Assert.Equal(pack.Rules.Count, ruleRun["tool"]!["driver"]!["rules"]!.AsArray().Count);
        Assert.Contains(ruleRun["results"]!.AsArray(), r => r!["suppressions"]?[0]?["kind"]?.GetValue<string>() == "inSource");
        Assert.Contains(ruleRun["results"]!.AsArray(), r => ((string?)r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"])!.Contains("%20dir/", StringComparison.Ordinal));
        var secrets = runs.Single(r => (string?)r!["tool"]!["driver"]!["name"] == "secrets")!["results"]!.AsArray();
        Assert.True(secrets.Count == 1, secrets.ToJsonString());
    }

    // The schema is draft-04, which JsonSchema.Net does not read; for the keywords it uses (no boolean
    // exclusiveMinimum), draft-07 means the same once `id` is `$id`.
    private static JsonSchema Schema(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        node["$id"] = (string?)node["id"];
        node.Remove("id");
        return JsonSchema.FromText(node.ToJsonString());
    }

    private static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, relative);
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
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
