using System.Text.Json.Nodes;
using Json.Schema;

namespace Noa.Stages.Graph.Tests.Output;

/// <summary>schemas/kg.schema.json, and an assertion that names every violation.</summary>
internal static class KgSchema
{
    public static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "kg.schema.json"));

    public static void AssertValid(byte[] json)
    {
        var result = Schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors).Take(20)
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    public static bool IsValid(string json) => Schema.Evaluate(JsonNode.Parse(json)).IsValid;
}
