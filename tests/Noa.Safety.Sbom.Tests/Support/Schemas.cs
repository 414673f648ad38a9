using System.Text.Json.Nodes;
using Json.Schema;

namespace Noa.Safety.Sbom.Tests.Support;

/// <summary>
/// The official CycloneDX 1.6 JSON Schema and the two it references, as @cyclonedx/cyclonedx-library ships
/// them (installed by scripts/fetch-data.sh into tests/Noa.Safety.Sbom.Tests/schemas/node_modules).
/// </summary>
internal static class Schemas
{
    private static readonly Lazy<JsonSchema?> CycloneDx = new(Load);

    /// <summary>The errors of the document against bom-1.6, or null when the schemas are not fetched (a failure under CI=true).</summary>
    public static string[]? CycloneDxErrors(JsonNode document)
    {
        if (CycloneDx.Value is not { } schema)
        {
            Requirement.Unmet("the CycloneDX schemas are missing: run scripts/fetch-data.sh (make build does).");
            return null;
        }
        var result = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid ? [] : (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}")).Take(20).ToArray();
    }

    private static JsonSchema? Load()
    {
        var dir = Path.Combine(Inputs.RepositoryRoot(), "tests", "Noa.Safety.Sbom.Tests", "schemas", "node_modules", "@cyclonedx", "cyclonedx-library", "res", "schema");
        if (!Directory.Exists(dir))
        {
            return null;
        }
        foreach (var dependency in new[] { "spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json" })
        {
            // The library's copy of bom-1.6 refers to its neighbours by their file names (spdx.SNAPSHOT.schema.json).
            SchemaRegistry.Global.Register(new Uri($"http://cyclonedx.org/schema/{dependency}"), JsonSchema.FromText(File.ReadAllText(Path.Combine(dir, dependency))));
        }
        return JsonSchema.FromText(File.ReadAllText(Path.Combine(dir, "bom-1.6.SNAPSHOT.schema.json")));
    }
}
