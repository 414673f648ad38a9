using System.Text.Json.Nodes;
using Noa.Yaml;
using YamlDotNet.Core;

namespace Noa.Stages.Env.Checks;

/// <summary>
/// The structure of an <c>env/k8s/NAME.yaml</c>, since no registry here serves Kubernetes' OpenAPI-derived JSON Schemas: every
/// document has apiVersion, kind and metadata.name (a DNS-1123 label), the kind is one the writer emits at its apiVersion
/// (ConfigMap v1 with string values, Deployment apps/v1 whose selector matches its template's labels and whose containers have
/// a name and an image, and whose probes and mounts name ports and volumes that exist, Service v1 with ports and a selector).
/// </summary>
internal static partial class KubernetesCheck
{
    public const string Name = "Kubernetes structure (apiVersion/kind, required fields, selectors, references)";

    private static readonly Dictionary<string, string> ApiVersions = new(StringComparer.Ordinal)
    {
        ["ConfigMap"] = "v1", ["Service"] = "v1", ["Secret"] = "v1", ["Deployment"] = "apps/v1",
    };

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
        var problems = new List<string>();
        if (documents.Count == 0)
            problems.Add("no document");
        for (var i = 0; i < documents.Count; i++)
        {
            void Problem(string what) => problems.Add($"document {i + 1}: {what}");
            if (documents[i] is not JsonObject doc)
            {
                Problem("not a mapping");
                continue;
            }
            var kind = Text(doc, "kind");
            var apiVersion = Text(doc, "apiVersion");
            var name = Text(doc["metadata"], "name");
            if (kind is null || apiVersion is null)
                Problem("apiVersion and kind are required");
            else if (!ApiVersions.TryGetValue(kind, out var expected))
                Problem($"kind {kind} is not one this writer emits");
            else if (apiVersion != expected)
                Problem($"{kind} is served at apiVersion {expected}, not {apiVersion}");
            if (name is null)
                Problem("metadata.name is required");
            else if (!Label().IsMatch(name))
                Problem($"metadata.name '{name}' is not a DNS-1123 label");
            switch (kind)
            {
                case "ConfigMap":
                    foreach (var (key, value) in doc["data"] as JsonObject ?? [])
                        if (value is not JsonValue v || !v.TryGetValue<string>(out _))
                            Problem($"data.{key} must be a string");
                    break;
                case "Deployment":
                    Deployment(doc, Problem);
                    break;
                case "Service":
                    if (doc["spec"]?["ports"] is not JsonArray { Count: > 0 } ports)
                        Problem("spec.ports needs at least one port");
                    else if (ports.Any(p => p?["port"] is not JsonValue port || !port.TryGetValue<long>(out _)))
                        Problem("every spec.ports[].port must be an integer");
                    if (doc["spec"]?["selector"] is not JsonObject { Count: > 0 })
                        Problem("spec.selector must name the pods");
                    break;
            }
        }
        return new StaticCheck(path, Name, problems.Count == 0, problems);
    }

    private static void Deployment(JsonObject doc, Action<string> problem)
    {
        var spec = doc["spec"] as JsonObject;
        var matchLabels = spec?["selector"]?["matchLabels"] as JsonObject;
        var labels = spec?["template"]?["metadata"]?["labels"] as JsonObject;
        if (matchLabels is not { Count: > 0 })
            problem("spec.selector.matchLabels is required");
        else if (matchLabels.Any(l => Text(labels, l.Key) != (string?)l.Value))
            problem("spec.selector.matchLabels does not match spec.template.metadata.labels");
        var pod = spec?["template"]?["spec"] as JsonObject;
        if (pod?["containers"] is not JsonArray { Count: > 0 } containers)
        {
            problem("spec.template.spec.containers needs at least one container");
            return;
        }
        var volumes = (pod["volumes"] as JsonArray ?? []).Select(v => Text(v, "name")).ToHashSet(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            var cname = Text(container, "name") ?? "?";
            if (Text(container, "name") is null || Text(container, "image") is null)
                problem("every container needs a name and an image");
            var ports = (container?["ports"] as JsonArray ?? []).Select(p => Text(p, "name")).ToHashSet(StringComparer.Ordinal);
            foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
            {
                var port = container?[probe]?["httpGet"]?["port"] ?? container?[probe]?["tcpSocket"]?["port"];
                if (port is JsonValue named && named.TryGetValue<string>(out var portName) && !ports.Contains(portName))
                    problem($"container {cname}: {probe} names port '{portName}', which the container does not declare");
            }
            foreach (var mount in container?["volumeMounts"] as JsonArray ?? [])
                if (Text(mount, "name") is not { } volume || !volumes.Contains(volume) || Text(mount, "mountPath") is null)
                    problem($"container {cname}: volumeMount '{Text(mount, "name")}' needs a mountPath and a volume of that name");
        }
    }

    private static string? Text(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial System.Text.RegularExpressions.Regex Label();
}
