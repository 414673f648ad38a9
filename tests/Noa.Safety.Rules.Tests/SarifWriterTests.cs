using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Noa.Safety.Rules.Tests;

/// <summary>Validates our SARIF against the official SARIF 2.1.0 JSON Schema (sarif-2.1.0-rtm.5.json, MIT, as shipped by
/// the npm package @microsoft/jest-sarif), installed by scripts/sarif-schema.sh into Sarif/node_modules.</summary>
public sealed class SarifWriterTests
{
    private const string SchemaPath = "tests/Noa.Safety.Rules.Tests/Sarif/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json";

    [Fact]
    public async Task Write_FindingsOfEveryRule_IsValidSarif210()
    {
        var schemaFile = Find(SchemaPath);
        if (schemaFile is null)
        {
            Requirement.Unmet($"{SchemaPath} is missing: run scripts/sarif-schema.sh.");
            return;
        }
        var files = Scan.Default.Rules.Select(r => new SourceFile($"src/{r.Id} dir/{r.Id}.x", r.Languages[0],
            _ => Task.FromResult<Stream>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(r.Tests.Positive + "  # nosec\n"))))).ToList();
        var result = await RuleEngine.ScanAsync(Scan.Default, files);
        using var buffer = new MemoryStream();
        SarifWriter.Write(buffer, Scan.Default, result);
        var log = JsonNode.Parse(buffer.ToArray())!;

        var evaluation = Schema(schemaFile).Evaluate(log, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(evaluation.IsValid, string.Join("\n", evaluation.Details.Where(d => d.HasErrors).Take(10)
            .Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")));

        var run = log["runs"]![0]!;
        Assert.Equal("noa-rules", (string?)run["tool"]!["driver"]!["name"]);
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        Assert.Equal(Scan.Default.Rules.Count, rules.Count);
        Assert.All(rules, r => Assert.Contains(r!["properties"]!["tags"]!.AsArray(), t => ((string?)t)!.StartsWith("CWE-", StringComparison.Ordinal)));
        var results = run["results"]!.AsArray();
        Assert.Equal(result.Findings.Count, results.Count);
        Assert.All(results, r =>
        {
            Assert.NotNull(r!["partialFingerprints"]!["noaFindingHash/v1"]);
            Assert.Equal("inSource", (string?)r["suppressions"]?[0]?["kind"] ?? "inSource");
            Assert.Equal(rules[(int)r["ruleIndex"]!]!["id"]!.GetValue<string>(), (string?)r["ruleId"]);
        });
        Assert.Contains("src/python-eval%20dir/python-eval.x", results.Select(r => (string?)r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]));
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
}
