using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi.YamlReader;
using Noa.Abstractions;
using Noa.Stages.Integrator.Naming;
using Noa.Yaml;
using SharpYaml.Serialization;

namespace Noa.Stages.Integrator.Sources;

/// <summary>Where a <c>$ref</c> points, and the guard on every one: the snapshot only, the spec's folder only, within the limits.</summary>
internal sealed partial class SpecBundler
{
    /// <summary>The snapshot path and fragment a reference names, or null (a problem kept) when it is refused.</summary>
    private (string Path, string Fragment)? Locate(string reference, string file)
    {
        var hash = reference.IndexOf('#');
        var target = hash < 0 ? reference : reference[..hash];
        var fragment = hash < 0 ? "" : Uri.UnescapeDataString(reference[(hash + 1)..]);
        if (target.Length == 0)
        {
            // Older split specs (multi-file-swagger, json-refs) write the root's pointers in every file
            // (#/definitions/User in paths/bar.yaml): a local pointer the file lacks and the root has is the root's.
            var local = file == rootPath || (files.TryGetValue(file, out var document) && Has(document, fragment)) || !Has(root, fragment);
            return (local ? file : rootPath, fragment);
        }
        if (Scheme().Match(target) is { Success: true } scheme && scheme.Groups[1].Length > 1)
            return Refuse(reference, file, $"a {scheme.Groups[1].Value} URL; nothing is fetched for a spec, only files in the spec's folder are read");
        if (target.StartsWith('/') || target.StartsWith('\\') || Scheme().IsMatch(target))
            return Refuse(reference, file, "an absolute path; only files in the spec's folder are read");
        var parts = new List<string>(file.Split('/')[..^1]);
        foreach (var part in Uri.UnescapeDataString(target).Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part != "..")
                parts.Add(part);
            else if (parts.Count > 0)
                parts.RemoveAt(parts.Count - 1);
            else
                return Refuse(reference, file, "outside the source");
        }
        var path = string.Join('/', parts);
        if (!path.StartsWith(folder, StringComparison.Ordinal))
            return Refuse(reference, file, "outside the spec's folder");
        return (path, fragment);
    }

    private async Task<JsonNode?> TargetAsync(string reference, string from, string path, string fragment, CancellationToken cancellationToken)
    {
        if (!files.TryGetValue(path, out var document))
        {
            if (!tree.TryGetValue(path, out var file))
                return Refused(reference, from, $"{path} is not in the source");
            if (file.Size > maxFileBytes)
                return Refused(reference, from, $"{path} is larger than {maxFileBytes:N0} bytes");
            if (files.Count >= maxFiles)
                return Refused(reference, from, $"the spec would read more than {maxFiles:N0} other files");
            string text;
            await using (var stream = await source.OpenReadAsync(file, cancellationToken).ConfigureAwait(false))
            using (var reader = new StreamReader(stream, Encoding.UTF8))
                text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            document = Parse(text, path, cancellationToken, out var why);
            files[path] = document;
            if (why is not null)
                return Refused(reference, from, why);
        }
        if (document is null)
            return Refused(reference, from, $"{path} could not be read");
        var node = document;
        foreach (var segment in fragment.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                JsonObject o => o[Unescape(segment)],
                JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
                return Refused(reference, from, $"{path} has no '#{fragment}'");
        }
        if (node is not JsonObject)
            return Refused(reference, from, $"'{path}#{fragment}' is not an object");
        nodes += Count(node);
        if (nodes > maxNodes)
            return Refused(reference, from, $"the spec would copy more than {maxNodes:N0} nodes from other files");
        return node;
    }

    /// <summary>A file's tree: JSON, or YAML through the project's guard (bombs, depth, size), then the reader's own
    /// YAML-to-JSON conversion so scalars are typed as when it reads a YAML spec itself.</summary>
    private JsonNode? Parse(string text, string path, CancellationToken cancellationToken, out string? why)
    {
        why = null;
        try
        {
            if (text.TrimStart().StartsWith('{'))
                return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = limits.MaxDepth });
            if (YamlGuard.Check(text, limits, path, cancellationToken) is { } refused)
            {
                why = refused;
                return null;
            }
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            return yaml.Documents.Count == 0 ? null : yaml.Documents[0].ToJsonNode();
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Both parsers throw assorted exception types on malformed text: all of them are bad input.
            why = $"{path} cannot be parsed: {e.Message}";
            return null;
        }
    }

    private (string, string)? Refuse(string reference, string from, string why)
    {
        Refused(reference, from, why);
        return null;
    }

    private JsonNode? Refused(string reference, string from, string why)
    {
        problems.Add($"{from}: $ref '{reference}' refused: {why}");
        return null;
    }

    private static string? RefOf(JsonObject node) => node["$ref"] is JsonValue v && v.TryGetValue(out string? text) ? text : null;

    /// <summary>Whether <paramref name="fragment"/> (a JSON pointer) names a node of <paramref name="document"/>.</summary>
    private static bool Has(JsonNode? document, string fragment)
    {
        var node = document;
        foreach (var segment in fragment.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o[Unescape(segment)] : null;
            if (node is null)
                return false;
        }
        return true;
    }

    private static JsonObject Section(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
            return existing;
        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    private static long Count(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Sum(p => Count(p.Value)),
        JsonArray a => 1 + a.Sum(Count),
        _ => 1,
    };

    private static bool LooksLikeFile(string text) =>
        text.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>A component name OpenAPI accepts (<c>^[a-zA-Z0-9._-]+$</c>).</summary>
    private static string Safe(string name)
    {
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]);
        return safe.Length == 0 ? "Schema" : safe;
    }

    [GeneratedRegex("""["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"']""")]
    private static partial Regex ExternalRef();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.-]*):")]
    private static partial Regex Scheme();
}
