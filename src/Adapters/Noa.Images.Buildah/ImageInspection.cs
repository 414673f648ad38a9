using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Images.Buildah;

/// <summary>Reads <c>buildah inspect --type image</c>'s JSON into <see cref="ImageInfo"/>.</summary>
internal static class ImageInspection
{
    public static ImageInfo Parse(string json, IReadOnlyList<string> names)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var id = "sha256:" + root.GetProperty("FromImageID").GetString();
        var digest = root.TryGetProperty("FromImageDigest", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var oci = root.GetProperty("OCIv1");
        var config = oci.TryGetProperty("config", out var c) ? c : default;
        long size = 0;
        if (root.TryGetProperty("Manifest", out var manifestText) && manifestText.ValueKind == JsonValueKind.String)
        {
            using var manifest = JsonDocument.Parse(manifestText.GetString()!);
            if (manifest.RootElement.TryGetProperty("layers", out var layers))
                foreach (var layer in layers.EnumerateArray())
                    size += layer.TryGetProperty("size", out var s) ? s.GetInt64() : 0;
        }
        return new ImageInfo
        {
            Id = id,
            Names = names,
            Digest = digest,
            Size = size,
            Created = oci.TryGetProperty("created", out var created) && created.TryGetDateTimeOffset(out var at) ? at : null,
            Config = config.ValueKind != JsonValueKind.Object ? new ImageConfig() : new ImageConfig
            {
                Entrypoint = Strings(config, "Entrypoint"),
                Cmd = Strings(config, "Cmd"),
                Env = Strings(config, "Env"),
                WorkingDir = Text(config, "WorkingDir"),
                User = Text(config, "User"),
                ExposedPorts = config.TryGetProperty("ExposedPorts", out var ports) && ports.ValueKind == JsonValueKind.Object
                    ? ports.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList() : [],
                Labels = config.TryGetProperty("Labels", out var labels) && labels.ValueKind == JsonValueKind.Object
                    ? labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "") : new Dictionary<string, string>(),
            },
        };
    }

    private static List<string> Strings(JsonElement config, string name) =>
        config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString() ?? "").ToList()
            : [];

    private static string? Text(JsonElement config, string name) =>
        config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
