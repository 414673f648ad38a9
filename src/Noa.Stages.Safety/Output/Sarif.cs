using System.Text.Json.Nodes;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Output;

/// <summary>SARIF 2.1.0: one run per engine in one log (<c>safety.sarif</c>).</summary>
internal static class Sarif
{
    public const string BundlePath = "safety.sarif";

    /// <summary>The log holding <paramref name="runs"/>.</summary>
    public static JsonObject Log(IEnumerable<JsonObject> runs) => new()
    {
        ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
        ["version"] = "2.1.0",
        ["runs"] = new JsonArray(runs.Select(r => (JsonNode)r).ToArray()),
    };

    /// <summary>A run built from an engine's findings, for engines that do not write SARIF themselves.</summary>
    public static JsonObject Run(string tool, IReadOnlyList<SafetyFinding> findings)
    {
        var rules = new JsonArray(findings.Select(f => f.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => (JsonNode)new JsonObject { ["id"] = id }).ToArray());
        var results = new JsonArray();
        foreach (var f in findings)
        {
            var result = new JsonObject
            {
                ["ruleId"] = f.Id,
                ["level"] = Level(f.Severity),
                ["message"] = new JsonObject { ["text"] = f.Message },
                ["locations"] = new JsonArray(Location(f.Location)),
                ["properties"] = new JsonObject { ["severity"] = f.Severity.ToString().ToLowerInvariant() },
            };
            if (f.Fingerprint is { } fingerprint)
            {
                result["partialFingerprints"] = new JsonObject { ["noa/v1"] = fingerprint };
            }
            if (f.Aliases.Count > 0)
            {
                result["properties"]!["aliases"] = new JsonArray(f.Aliases.Select(a => (JsonNode)a).ToArray());
            }
            results.Add(result);
        }
        return new JsonObject
        {
            ["tool"] = new JsonObject { ["driver"] = new JsonObject { ["name"] = tool, ["informationUri"] = "https://github.com/ark-os-noa", ["rules"] = rules } },
            ["results"] = results,
        };
    }

    /// <summary>SARIF levels: error for high and critical, warning for medium, note below.</summary>
    public static string Level(Severity severity) => severity switch
    {
        >= Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    // "path:line" is a file location; anything else (a package and version) a logical one.
    private static JsonObject Location(string location)
    {
        var colon = location.LastIndexOf(':');
        if (colon > 0 && int.TryParse(location[(colon + 1)..], out var line) && line > 0 && !location.Contains(' ', StringComparison.Ordinal))
        {
            return new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = location[..colon] },
                    ["region"] = new JsonObject { ["startLine"] = line },
                },
            };
        }
        return new JsonObject { ["logicalLocations"] = new JsonArray(new JsonObject { ["fullyQualifiedName"] = location, ["kind"] = "package" }) };
    }
}
