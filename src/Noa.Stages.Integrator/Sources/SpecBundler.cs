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

/// <summary>
/// Bundles a spec split over files into one document before Microsoft.OpenApi reads it, reading only files of the
/// snapshot inside the spec's own folder (never the host's disk, never the network). A schema another file holds
/// (<c>schemas/pet.yaml#/components/schemas/Pet</c>, a bare schema file <c>Pet.yaml</c>, any fragment) becomes a component
/// of the bundle under its own name, or its file's name as a prefix when the root or an earlier file has that name
/// (<c>common.json</c>'s <c>Error</c> → <c>CommonError</c>), so a schema is declared once and recursion across files ends
/// at a name; anything else (a path item, a parameter, a response) is copied in place. Files are told apart by their
/// path in the snapshot, whatever the spelling of the reference.
/// </summary>
/// <remarks>
/// A reference is refused, with a problem naming it, the file holding it and why, when it is a URL (nothing is fetched),
/// an absolute path, a path out of the spec's folder, a file the snapshot lacks, larger than the spec limit, past the
/// limit on files, a YAML file the guard refuses, a fragment the file lacks, a chain of copies that loops, or would grow
/// the bundle past the node limit. A refused schema becomes "any value" and a refused copy is left out; the rest still
/// generates. Symbolic links cannot lead out: the snapshot holds file contents only, and Intake refuses links that
/// leave the source.
/// </remarks>
internal sealed partial class SpecBundler
{
    private readonly ISourceTree source;
    private readonly string rootPath;
    private readonly string folder;
    private readonly long maxFileBytes;
    private readonly int maxFiles;
    private readonly long maxNodes;
    private readonly YamlLimits limits;
    private readonly Dictionary<string, SourceFile> tree;
    private readonly Dictionary<string, JsonNode?> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> hoisted = new(StringComparer.Ordinal);
    private readonly HashSet<string> claimed = new(StringComparer.Ordinal);
    private readonly List<string> chain = [];
    private readonly List<string> problems = [];
    private JsonObject schemas = [];
    private JsonObject root = [];
    private string schemaPointer = "#/components/schemas/";
    private long nodes;

    public SpecBundler(ISourceTree source, string specPath, long maxFileBytes, int maxFiles, long maxNodes, YamlLimits limits)
    {
        this.source = source;
        rootPath = specPath;
        var slash = specPath.LastIndexOf('/');
        folder = slash < 0 ? "" : specPath[..(slash + 1)];
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
        this.maxNodes = maxNodes;
        this.limits = limits;
        tree = source.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
    }

    /// <summary>The bundle as JSON text (null when the root itself cannot be parsed: the reader then reads the text as it
    /// is and reports why), and one line per refused reference.</summary>
    public sealed record Bundled(string? Json, IReadOnlyList<string> Problems);

    /// <summary>The snapshot paths of every other file the bundle read.</summary>
    public IReadOnlyCollection<string> FilesRead => files.Keys;

    /// <summary>Whether the text holds a <c>$ref</c> to anything but its own fragments (a cheap textual test, so a
    /// single-file spec is read as before).</summary>
    public static bool HasExternalRefs(string text) => ExternalRef().IsMatch(text);

    /// <summary>Bundles the spec (<paramref name="text"/>, JSON or YAML).</summary>
    public async Task<Bundled> BundleAsync(string text, CancellationToken cancellationToken)
    {
        if (Parse(text, rootPath, cancellationToken, out var why) is not JsonObject root)
            return new Bundled(null, [$"{rootPath}: references to other files not read: {why ?? "the document is not an object"}"]);
        this.root = root;
        var swagger = root.ContainsKey("swagger");
        schemaPointer = swagger ? "#/definitions/" : "#/components/schemas/";
        var host = swagger ? root : Section(root, "components");
        var section = swagger ? "definitions" : "schemas";
        // The schema section itself may live in another file (definitions: {$ref: ./definitions/index.yaml}).
        var sectionFile = rootPath;
        if (host[section] is JsonObject { Count: 1 } whole && RefOf(whole) is { } sectionRef && !sectionRef.StartsWith('#'))
        {
            host.Remove(section);
            if (Locate(sectionRef, rootPath) is var (path, fragment)
                && await TargetAsync(sectionRef, rootPath, path, fragment, cancellationToken).ConfigureAwait(false) is JsonObject target)
            {
                host[section] = target.DeepClone();
                sectionFile = path;
            }
        }
        schemas = Section(host, section);
        claimed.UnionWith(schemas.Select(p => p.Key));
        await EntriesAsync(sectionFile, cancellationToken).ConfigureAwait(false);
        await OtherAsync(root, rootPath, cancellationToken).ConfigureAwait(false);
        return new Bundled(root.ToJsonString(), problems);
    }

    /// <summary>
    /// The schema section's own entries. An entry that is a reference to another file (<c>Pet: {$ref: ./Pet.yaml}</c>,
    /// the usual split layout) becomes that file's schema under the entry's name, not an alias of a copy; these go first,
    /// so a reference to the same file from anywhere else finds the entry's name.
    /// </summary>
    private async Task EntriesAsync(string file, CancellationToken cancellationToken)
    {
        var walk = new List<(JsonObject Schema, string File)>();
        foreach (var (name, value) in schemas.ToList())
        {
            if (value is not JsonObject entry)
                continue;
            if (RefOf(entry) is not { } text || (file == rootPath && text.StartsWith('#')))
            {
                walk.Add((entry, file));
                continue;
            }
            if (Locate(text, file) is not var (path, fragment))
            {
                schemas[name] = new JsonObject(); // refused: any value
                continue;
            }
            if (path == rootPath || !hoisted.TryAdd(path + "#" + fragment, name))
            {
                walk.Add((entry, file)); // an alias
                continue;
            }
            var target = await TargetAsync(text, file, path, fragment, cancellationToken).ConfigureAwait(false);
            var copy = target?.DeepClone().AsObject() ?? []; // refused: any value
            schemas[name] = copy;
            walk.Add((copy, path));
        }
        foreach (var (schema, from) in walk)
            await SchemaAsync(schema, from, cancellationToken).ConfigureAwait(false);
    }

    // ---- walking: a schema's keywords hold schemas; everything else is copied in place ----

    private static readonly HashSet<string> SchemaValued = ["items", "additionalProperties", "not", "if", "then", "else", "contains",
        "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema"];
    private static readonly HashSet<string> SchemaMaps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
    private static readonly HashSet<string> SchemaLists = ["allOf", "anyOf", "oneOf", "prefixItems"];

    private async Task SchemaAsync(JsonObject schema, string file, CancellationToken cancellationToken)
    {
        if (schema["$ref"] is JsonValue reference && reference.TryGetValue(out string? text))
        {
            var name = await SchemaRefAsync(text, file, cancellationToken).ConfigureAwait(false);
            if (name is null)
                schema.Remove("$ref"); // refused: any value
            else
                schema["$ref"] = name;
            return;
        }
        foreach (var (key, value) in schema.ToList())
        {
            if (SchemaValued.Contains(key) || SchemaLists.Contains(key))
                foreach (var item in value is JsonArray list ? list.OfType<JsonObject>().ToList() : value is JsonObject one ? [one] : [])
                    await SchemaAsync(item, file, cancellationToken).ConfigureAwait(false);
            else if (SchemaMaps.Contains(key) && value is JsonObject map)
                foreach (var item in map.Select(p => p.Value).OfType<JsonObject>().ToList())
                    await SchemaAsync(item, file, cancellationToken).ConfigureAwait(false);
            else if (key == "discriminator" && value?["mapping"] is JsonObject mapping)
                foreach (var (label, target) in mapping.ToList())
                    if (target is JsonValue v && v.TryGetValue(out string? t) && (file != rootPath || !t.StartsWith('#')) && (t.Contains('#') || LooksLikeFile(t)))
                    {
                        if (await SchemaRefAsync(t, file, cancellationToken).ConfigureAwait(false) is { } name)
                            mapping[label] = name;
                        else
                            mapping.Remove(label);
                    }
        }
    }

    private async Task OtherAsync(JsonObject node, string file, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in node.ToList())
        {
            if (key.StartsWith("x-", StringComparison.Ordinal) || key is "example" or "value")
                continue; // literal values (an example's, an extension's): a "$ref" inside one is data
            if (key is "schema" && value is JsonObject schema)
                await SchemaAsync(schema, file, cancellationToken).ConfigureAwait(false);
            else if (key is "schemas" or "definitions" && value is JsonObject map)
            {
                if (!ReferenceEquals(map, schemas)) // the root's own were walked first
                    foreach (var item in map.Select(p => p.Value).OfType<JsonObject>().ToList())
                        await SchemaAsync(item, file, cancellationToken).ConfigureAwait(false);
            }
            else if (value is JsonObject child)
            {
                var copy = await CopyAsync(child, file, cancellationToken).ConfigureAwait(false);
                if (copy is null)
                    node.Remove(key);
                else if (!ReferenceEquals(copy, child))
                    node[key] = copy;
            }
            else if (value is JsonArray array)
            {
                for (var i = array.Count - 1; i >= 0; i--)
                    if (array[i] is JsonObject item)
                    {
                        var copy = await CopyAsync(item, file, cancellationToken).ConfigureAwait(false);
                        if (copy is null)
                            array.RemoveAt(i);
                        else if (!ReferenceEquals(copy, item))
                            array[i] = copy;
                    }
            }
        }
    }

    /// <summary>The node in place of <paramref name="node"/>: itself walked, or, for a reference, the target's copy.</summary>
    private async Task<JsonNode?> CopyAsync(JsonObject node, string file, CancellationToken cancellationToken)
    {
        if (node["$ref"] is not JsonValue reference || !reference.TryGetValue(out string? text))
        {
            await OtherAsync(node, file, cancellationToken).ConfigureAwait(false);
            return node;
        }
        if (file == rootPath && text.StartsWith('#'))
            return node;
        if (Locate(text, file) is not var (path, fragment))
            return null;
        if (path == rootPath)
        {
            node["$ref"] = "#" + fragment;
            return node;
        }
        var key = path + "#" + fragment;
        if (chain.Contains(key))
            return Refused(text, file, $"a cycle ({string.Join(" → ", chain.SkipWhile(k => k != key).Append(key))})");
        if (await TargetAsync(text, file, path, fragment, cancellationToken).ConfigureAwait(false) is not JsonObject target)
            return null;
        var copy = target.DeepClone().AsObject();
        foreach (var (sibling, value) in node.Where(p => p.Key != "$ref").ToList())
            copy[sibling] = value?.DeepClone(); // 3.1: a reference's summary/description override the target's
        chain.Add(key);
        try
        {
            return await CopyAsync(copy, path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            chain.RemoveAt(chain.Count - 1);
        }
    }

    /// <summary>The bundle's pointer for a referenced schema, declared on first sight; null when refused.</summary>
    private async Task<string?> SchemaRefAsync(string text, string file, CancellationToken cancellationToken)
    {
        if (file == rootPath && text.StartsWith('#'))
            return text;
        if (Locate(text, file) is not var (path, fragment))
            return null;
        if (path == rootPath)
            return "#" + fragment;
        var key = path + "#" + fragment;
        if (hoisted.TryGetValue(key, out var known))
            return schemaPointer + Escape(known);
        if (await TargetAsync(text, file, path, fragment, cancellationToken).ConfigureAwait(false) is not JsonObject target)
            return null;
        var name = NameFor(path, fragment);
        hoisted[key] = name;
        var copy = target.DeepClone().AsObject();
        schemas[name] = copy; // declared before it is walked, so recursion ends here
        await SchemaAsync(copy, path, cancellationToken).ConfigureAwait(false);
        return schemaPointer + Escape(name);
    }

    /// <summary>
    /// A hoisted schema's name: the fragment's last segment, or the file's name for a whole-file schema; when the root or
    /// an earlier file has it, prefixed with the file's name (<c>common.json#/…/Error</c> → <c>CommonError</c>) or, for a
    /// whole file, its folder's (<c>shared/Tag.yaml</c> → <c>SharedTag</c>).
    /// </summary>
    private string NameFor(string path, string fragment)
    {
        var segments = fragment.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var stem = Path.GetFileNameWithoutExtension(path);
        var id = Safe(segments.Length == 0 ? stem : Unescape(segments[^1]));
        var name = id;
        if (claimed.Contains(name))
        {
            var qualifier = segments.Length > 0 ? stem : Path.GetFileName(Path.GetDirectoryName(path)) is { Length: > 0 } parent ? parent : "external";
            var prefixed = Safe(NameWords.Pascal(qualifier) + NameWords.Pascal(id));
            name = prefixed;
            for (var n = 2; claimed.Contains(name); n++)
                name = prefixed + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        claimed.Add(name);
        return name;
    }
}
