using System.Text.Json;

namespace Noa.Safety.Rules;

/// <summary>Writes a scan as a SARIF 2.1.0 log with one run whose tool is <c>noa-rules</c>.</summary>
public static class SarifWriter
{
    /// <summary>The tool name in <c>runs[].tool.driver.name</c>.</summary>
    public const string ToolName = "noa-rules";

    /// <summary>Writes <paramref name="result"/> of <paramref name="pack"/> to <paramref name="output"/>. Paths are
    /// written as relative URIs against <c>%SRCROOT%</c>; suppressed findings carry an <c>inSource</c> suppression.</summary>
    public static void Write(Stream output, RulePack pack, ScanResult result, string toolVersion = "0.1.0")
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(result);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        WriteTool(w, pack, toolVersion);
        w.WriteString("columnKind", "utf16CodeUnits");
        w.WriteStartObject("originalUriBaseIds");
        w.WriteStartObject("%SRCROOT%");
        w.WriteStartObject("description");
        w.WriteString("text", "The root of the scanned source tree.");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        var index = pack.Rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        w.WriteStartArray("results");
        foreach (var finding in result.Findings)
        {
            WriteResult(w, finding, index.GetValueOrDefault(finding.RuleId, -1));
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter w, RulePack pack, string version)
    {
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", ToolName);
        w.WriteString("semanticVersion", version);
        w.WriteStartArray("rules");
        foreach (var rule in pack.Rules)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Id);
            w.WriteString("name", rule.Id);
            w.WriteStartObject("shortDescription");
            w.WriteString("text", rule.Message);
            w.WriteEndObject();
            w.WriteString("helpUri", HelpUri(rule));
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", rule.Severity.SarifLevel());
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteStartArray("tags");
            w.WriteStringValue("security");
            foreach (var tag in rule.Metadata.Cwe.Concat(rule.Metadata.Owasp))
            {
                w.WriteStringValue(tag);
            }
            w.WriteEndArray();
            w.WriteString("precision", rule.Metadata.Confidence == "high" ? "high" : rule.Metadata.Confidence == "low" ? "low" : "medium");
            // GitHub code scanning ranks alerts by this CVSS-like score.
            w.WriteString("security-severity", rule.Severity switch { RuleSeverity.Error => "8.0", RuleSeverity.Warning => "5.0", _ => "2.0" });
            w.WriteString("severity", rule.Severity.Level());
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string HelpUri(Rule rule) =>
        rule.Metadata.References.FirstOrDefault(r => Uri.IsWellFormedUriString(r, UriKind.Absolute))
        ?? (rule.Metadata.Cwe.FirstOrDefault() is { } cwe
            ? $"https://cwe.mitre.org/data/definitions/{cwe["CWE-".Length..]}.html"
            : "https://cwe.mitre.org/");

    private static void WriteResult(Utf8JsonWriter w, Finding f, int ruleIndex)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        if (ruleIndex >= 0)
        {
            w.WriteNumber("ruleIndex", ruleIndex);
        }
        w.WriteString("level", f.Severity.SarifLevel());
        w.WriteStartObject("message");
        w.WriteString("text", f.Message);
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", Uri.EscapeDataString(f.Path.Replace('\\', '/')).Replace("%2F", "/", StringComparison.Ordinal));
        w.WriteString("uriBaseId", "%SRCROOT%");
        w.WriteEndObject();
        w.WriteStartObject("region");
        w.WriteNumber("startLine", f.Range.StartLine);
        w.WriteNumber("startColumn", f.Range.StartColumn);
        w.WriteNumber("endLine", f.Range.EndLine);
        w.WriteNumber("endColumn", f.Range.EndColumn);
        w.WriteStartObject("snippet");
        w.WriteString("text", f.Snippet);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("partialFingerprints");
        w.WriteString("noaFindingHash/v1", f.Fingerprint);
        w.WriteEndObject();
        if (f.Suppression is { } suppression)
        {
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", "inSource");
            w.WriteString("justification", suppression);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteStartObject("properties");
        w.WriteStartArray("tags");
        foreach (var cwe in f.Cwe)
        {
            w.WriteStringValue(cwe);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
