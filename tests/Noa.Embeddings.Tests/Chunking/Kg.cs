using System.Text.Json;

namespace Noa.Embeddings.Tests.Chunking;

/// <summary>Writes a kg.json holding hand-written definition nodes, in the Graph stage's field names.</summary>
internal static class Kg
{
    public sealed record Def(string Id, string Kind, string Name, string File, int[] Range, string? Signature = null, string? Doc = null);

    public static MemoryStream Json(params Def[] defs)
    {
        var nodes = defs.Select(d => new Dictionary<string, object?>
        {
            ["id"] = d.Id, ["kind"] = d.Kind, ["name"] = d.Name, ["language"] = "python", ["file"] = d.File,
            ["range"] = d.Range, ["signature"] = d.Signature, ["doc"] = d.Doc,
        }).Prepend(new Dictionary<string, object?> { ["id"] = "noa . . . pkg/", ["kind"] = "directory", ["name"] = "pkg", ["file"] = "pkg" });
        var graph = new { version = 1, stats = new { parsed = 1 }, nodes, edges = new[] { new { src = "a", dst = "b", kind = "CALLS" } }, flows = Array.Empty<object>(), skipped = Array.Empty<object>() };
        return new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(graph));
    }
}
