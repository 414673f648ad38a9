using System.Reflection;
using System.Text.Json.Nodes;
using Json.Schema;
using Noa.Yaml;
using YamlDotNet.Core;

namespace Noa.Stages.Env.Checks;

/// <summary>
/// <c>env/compose.yaml</c> against the Compose Specification's JSON Schema: the copy npm's <c>dclint</c> 3.1.0 ships
/// (<c>schemas/compose.schema.json</c>, compose-spec's own schema), installed by <c>scripts/fetch-data.sh</c> from the pinned
/// <c>data/package-lock.json</c> and embedded at build time. YAML scalars are typed as YAML 1.2 reads them, as Compose does.
/// </summary>
internal static class ComposeSchemaCheck
{
    public const string Name = "compose-spec JSON Schema (npm dclint 3.1.0, schemas/compose.schema.json)";

    private static readonly Lazy<JsonSchema> Schema = new(Load);

    public static StaticCheck Check(string path, string yaml)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlToJson.LoadAllTyped(yaml, YamlLimits.Default, path);
        }
        catch (YamlException e)
        {
            return new StaticCheck(path, Name, false, [$"not readable as YAML: {e.Message}"]);
        }
        if (documents is not [JsonObject document])
            return new StaticCheck(path, Name, false, [$"expected one YAML document holding a mapping, found {documents.Count} document(s)"]);
        var result = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = result.IsValid ? [] : result.Details.Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
            .Distinct(StringComparer.Ordinal).Take(20).ToList();
        return new StaticCheck(path, Name, result.IsValid, problems);
    }

    private static JsonSchema Load()
    {
        using var stream = typeof(ComposeSchemaCheck).Assembly.GetManifestResourceStream("Noa.Env.compose.schema.json")
            ?? throw new InvalidOperationException("The compose-spec schema is not embedded in " + typeof(ComposeSchemaCheck).Assembly.GetName().Name + ": run scripts/fetch-data.sh (make build).");
        var node = JsonNode.Parse(stream)!.AsObject();
        // Its $id is the relative "compose_spec.json"; a base URI makes its internal $refs resolvable.
        node["$id"] = "https://noa.invalid/compose_spec.json";
        node["$schema"] = "http://json-schema.org/draft-07/schema#"; // the spelling JsonSchema.Net knows draft 7 by
        return JsonSchema.FromText(node.ToJsonString());
    }
}
