using System.Text.Json.Nodes;
using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Sources;
using Noa.Yaml;

namespace Noa.Stages.Integrator.Tests.Sources;

/// <summary>
/// A split spec written by others: <c>multi-file-swagger@2.3.0</c>'s example (<c>Specs/multi-file-swagger</c>, see its
/// SOURCE.md): whole sections by reference (<c>info</c>, <c>paths</c>, <c>definitions</c>), path items in their own files,
/// a fragment of a plain YAML file, a pointer into the file's own content and, as that tool allows, the root's pointer
/// (<c>#/definitions/User</c>) written in another file. The oracle is the package's own resolved document.
/// </summary>
public sealed class RealSplitSpecTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Specs", "multi-file-swagger");

    /// <summary>Each operation with the property names of its result's schema, whatever that schema is named.</summary>
    private static string[] Shape(ApiModel model) =>
    [
        .. model.Operations.Select(o =>
        {
            var type = o.Success.Type;
            var properties = type.Kind == TypeKind.Named && model.Schemas.TryGetValue(type.Name!, out var schema)
                ? string.Join(",", schema.Properties.Select(p => $"{p.WireName}:{p.Type.Kind}"))
                : type.Kind.ToString();
            return $"{o.Method} {o.Path} -> {properties}";
        }).Order(StringComparer.Ordinal),
    ];

    [Fact]
    public async Task MultiFileSwaggerExample_ReadsAsThePackagesOwnResolvedDocument()
    {
        var (loaded, split) = await ExternalRefTests.LoadAsync(new DirectorySourceTree(Folder), "index.yaml");
        Assert.True(split is not null, string.Join("\n", loaded.Errors));
        var expected = await Generate.ModelAsync(await File.ReadAllTextAsync(Path.Combine(Folder, "expected.json")), "expected.json");

        Assert.True(loaded.Errors.Count == 0 && split.Problems.Count == 0, string.Join("\n", loaded.Errors.Concat(split.Problems)));
        Assert.Equal(("Simple API", "0.0.0"), (split.Title, split.Version));
        Assert.Equal(Shape(expected), Shape(split));
        Assert.Equal(["GET /bar", "GET /foo", "GET /nested"], split.Operations.Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal));
        Assert.Equal(["name"], split.Schemas["User"].Properties.Select(p => p.WireName));
    }

    [Fact]
    public async Task MultiFileSwaggerExample_BundlesToThePackagesOwnResolvedDocument_OnceDefinitionsAreInlined()
    {
        // The package inlines what it resolves and keeps #/definitions/User; the bundle declares each schema once. With
        // every #/definitions/ reference inlined in both, the two documents must be equal, node for node.
        var bundler = new SpecBundler(new DirectorySourceTree(Folder), "index.yaml", 1 << 20, 100, 100_000, YamlLimits.Default);
        var bundled = await bundler.BundleAsync(await File.ReadAllTextAsync(Path.Combine(Folder, "index.yaml")), CancellationToken.None);
        Assert.Empty(bundled.Problems);
        var ours = Inlined(JsonNode.Parse(bundled.Json!)!.AsObject());
        var theirs = Inlined(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "expected.json")))!.AsObject());

        Assert.True(JsonNode.DeepEquals(theirs, ours), $"ours:\n{ours}\ntheirs:\n{theirs}");
        Assert.Equal(["definitions/User.yaml", "definitions/index.yaml", "info/index.yaml", "paths/bar.yaml", "paths/foo.yaml", "paths/index.yaml", "paths/nested.yaml"],
            bundler.FilesRead.Order(StringComparer.Ordinal));
    }

    /// <summary>The document without <c>definitions</c>, each <c>#/definitions/X</c> reference replaced by X.</summary>
    private static JsonObject Inlined(JsonObject document)
    {
        var definitions = document["definitions"]!.AsObject();
        JsonNode? Walk(JsonNode? node) => node switch
        {
            JsonObject o when o["$ref"]?.GetValue<string>() is { } r && r.StartsWith("#/definitions/", StringComparison.Ordinal) => Walk(definitions[r["#/definitions/".Length..]]!.DeepClone()),
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Walk(p.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Walk)]),
            _ => node?.DeepClone(),
        };
        var copy = Walk(document)!.AsObject();
        copy.Remove("definitions");
        return copy;
    }
}
