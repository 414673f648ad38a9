using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Noa.Abstractions;

namespace Noa.Stages.Registrar;

/// <summary>
/// The provenance of a published bundle: an in-toto Statement v1 whose subject is the bundle manifest, with a SLSA
/// provenance v1 predicate — builder noa and its version, the run's parameters, the source (redacted locator, commit, tree
/// hash) as resolved dependency, every bundle file as a byproduct.
/// </summary>
internal static class ProvenanceStatement
{
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string PredicateType = "https://slsa.dev/provenance/v1";
    public const string BuildType = "urn:ark-os-noa:digest:v1";
    public const string BuilderId = "urn:ark-os-noa:noa";

    public static string NoaVersion { get; } =
        typeof(ProvenanceStatement).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProvenanceStatement).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public static byte[] Create(string repository, OciDescriptor bundle, RunRecord run, SourceFacts source, IReadOnlyList<RunArtifact> files, DateTimeOffset finished)
    {
        var request = run.Request;
        var sourceDigest = new JsonObject { ["sha256"] = source.TreeHex };
        if (source.Commit is { } commit)
            sourceDigest["gitCommit"] = commit;
        var statement = new JsonObject
        {
            ["_type"] = StatementType,
            ["subject"] = new JsonArray(new JsonObject { ["name"] = repository, ["digest"] = new JsonObject { ["sha256"] = bundle.Hex } }),
            ["predicateType"] = PredicateType,
            ["predicate"] = new JsonObject
            {
                ["buildDefinition"] = new JsonObject
                {
                    ["buildType"] = BuildType,
                    ["externalParameters"] = new JsonObject
                    {
                        // The redacted locator Intake recorded, never the request's: a locator may carry credentials.
                        ["source"] = source.Locator,
                        ["kind"] = source.Kind,
                        ["ref"] = request.Ref,
                        ["commit"] = request.Commit,
                        ["depth"] = request.Depth,
                        ["submodules"] = request.Submodules,
                        ["only"] = request.Only is { } only ? new JsonArray([.. only.Select(s => JsonValue.Create(s))]) : null,
                        ["policy"] = request.Policy,
                    },
                    ["internalParameters"] = new JsonObject { ["workflow"] = run.Workflow, ["tenant"] = request.Tenant, ["requestedBy"] = request.RequestedBy },
                    ["resolvedDependencies"] = new JsonArray(new JsonObject { ["uri"] = source.Locator, ["name"] = "source", ["digest"] = sourceDigest }),
                },
                ["runDetails"] = new JsonObject
                {
                    ["builder"] = new JsonObject { ["id"] = BuilderId, ["version"] = new JsonObject { ["noa"] = NoaVersion } },
                    ["metadata"] = new JsonObject
                    {
                        ["invocationId"] = run.RunId,
                        ["startedOn"] = run.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                        ["finishedOn"] = finished.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                    },
                    ["byproducts"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
                    {
                        ["name"] = f.Path, ["digest"] = new JsonObject { ["sha256"] = f.Sha256 }, ["mediaType"] = f.MediaType,
                    })]),
                },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(statement);
    }
}
