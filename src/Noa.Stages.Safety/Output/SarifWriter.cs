using System.Text.Json;
using System.Text.Json.Nodes;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Output;

/// <summary>
/// The one SARIF 2.1.0 writer: <c>safety.sarif</c> holds one run per engine, each with <c>%SRCROOT%</c> as the base of
/// its relative file URIs, <c>columnKind</c> UTF-16 code units, and its fingerprints under one key,
/// <see cref="FingerprintKey"/>.
/// </summary>
internal static class SarifWriter
{
    public const string BundlePath = "safety.sarif";

    /// <summary>The <c>partialFingerprints</c> key of every result.</summary>
    public const string FingerprintKey = "noa/v1";

    private const string SourceRoot = "%SRCROOT%";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(IEnumerable<SarifRun> runs, string toolVersion) => new JsonObject
    {
        ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
        ["version"] = "2.1.0",
        ["runs"] = new JsonArray(runs.Select(r => (JsonNode)Run(r, toolVersion)).ToArray()),
    }.ToJsonString(Indented);

    /// <summary>A run built from an engine's findings, for engines that describe no rules of their own.</summary>
    public static SarifRun FromFindings(string tool, IReadOnlyList<SafetyFinding> findings) =>
        new(tool, [], findings.Select(f => new SarifResult(f.Id, Level(f.Severity), f.Message, Location(f), f.Fingerprint, null, Properties(f))).ToList());

    /// <summary>SARIF levels: error for high and critical, warning for medium, note below.</summary>
    public static string Level(Severity severity) => severity switch
    {
        >= Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    private static SarifLocation Location(SafetyFinding f) =>
        f.File is { } file ? new SarifLocation(file, f.Line ?? 0, f.Column ?? 0) : SarifLocation.Package(f.Location);

    private static Dictionary<string, object> Properties(SafetyFinding f)
    {
        var properties = new Dictionary<string, object>(StringComparer.Ordinal) { ["severity"] = f.Severity.ToString().ToLowerInvariant() };
        if (f.Aliases.Count > 0)
        {
            properties["aliases"] = f.Aliases;
        }
        if (f.Scope is { } scope)
        {
            properties["scope"] = scope;
        }
        return properties;
    }

    private static JsonObject Run(SarifRun run, string toolVersion)
    {
        var rules = run.Rules.ToList();
        foreach (var id in run.Results.Select(r => r.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!rules.Any(r => r.Id == id))
            {
                rules.Add(new SarifRule(id));
            }
        }
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = run.Tool,
                    ["semanticVersion"] = toolVersion,
                    ["informationUri"] = "https://github.com/ark-os-noa",
                    ["rules"] = new JsonArray(rules.Select(r => (JsonNode)Rule(r)).ToArray()),
                },
            },
            ["columnKind"] = "utf16CodeUnits",
            ["originalUriBaseIds"] = new JsonObject { [SourceRoot] = new JsonObject { ["description"] = Text("The root of the scanned source tree.") } },
            ["results"] = new JsonArray(run.Results.Select(r => (JsonNode)Result(r, index[r.RuleId])).ToArray()),
        };
    }

    private static JsonObject Rule(SarifRule rule)
    {
        var o = new JsonObject { ["id"] = rule.Id, ["name"] = rule.Id };
        if (rule.Description is { } description)
        {
            o["shortDescription"] = Text(description);
        }
        if (rule.HelpUri is { } help)
        {
            o["helpUri"] = help;
        }
        if (rule.Level is { } level)
        {
            o["defaultConfiguration"] = new JsonObject { ["level"] = level };
        }
        var properties = new JsonObject();
        if (rule.Tags is { Count: > 0 } tags)
        {
            properties["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray());
        }
        if (rule.Precision is { } precision)
        {
            properties["precision"] = precision;
        }
        if (rule.SecuritySeverity is { } score)
        {
            properties["security-severity"] = score;
        }
        if (properties.Count > 0)
        {
            o["properties"] = properties;
        }
        return o;
    }

    private static JsonObject Result(SarifResult r, int ruleIndex)
    {
        var o = new JsonObject
        {
            ["ruleId"] = r.RuleId,
            ["ruleIndex"] = ruleIndex,
            ["level"] = r.Level,
            ["message"] = Text(r.Message),
            ["locations"] = new JsonArray(Location(r.Location)),
        };
        if (r.Fingerprint is { } fingerprint)
        {
            o["partialFingerprints"] = new JsonObject { [FingerprintKey] = fingerprint };
        }
        if (r.Suppression is { } suppression)
        {
            o["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "inSource", ["justification"] = suppression });
        }
        if (r.Properties is { Count: > 0 } properties)
        {
            o["properties"] = JsonSerializer.SerializeToNode(properties);
        }
        return o;
    }

    private static JsonObject Location(SarifLocation l)
    {
        if (l.Path is null)
        {
            return new JsonObject { ["logicalLocations"] = new JsonArray(new JsonObject { ["fullyQualifiedName"] = l.Logical, ["kind"] = "package" }) };
        }
        var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = Uri(l.Path), ["uriBaseId"] = SourceRoot } };
        if (l.StartLine > 0)
        {
            var region = new JsonObject { ["startLine"] = l.StartLine };
            if (l.StartColumn > 0)
            {
                region["startColumn"] = l.StartColumn;
            }
            if (l.EndLine > 0)
            {
                region["endLine"] = l.EndLine;
            }
            if (l.EndColumn > 0)
            {
                region["endColumn"] = l.EndColumn;
            }
            if (l.Snippet is { } snippet)
            {
                region["snippet"] = Text(snippet);
            }
            physical["region"] = region;
        }
        return new JsonObject { ["physicalLocation"] = physical };
    }

    // A relative URI reference: every byte outside RFC 3986's unreserved set escaped, '/' kept (names with spaces,
    // '#', '%' or control characters stay one valid URI).
    private static string Uri(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));

    private static JsonObject Text(string text) => new() { ["text"] = text };
}
