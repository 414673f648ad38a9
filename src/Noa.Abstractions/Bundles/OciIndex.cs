using System.Text.Json.Serialization;

namespace Noa.Abstractions;

/// <summary>An OCI image index: the <c>index.json</c> of a layout, a referrers response, or the fallback <c>sha256-…</c> tag's list.</summary>
public sealed record OciIndex
{
    /// <summary>Always 2.</summary>
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    /// <summary><see cref="OciMediaTypes.ImageIndex"/>.</summary>
    [JsonPropertyName("mediaType")]
    public string MediaType { get; init; } = OciMediaTypes.ImageIndex;

    /// <summary>The manifests listed.</summary>
    [JsonPropertyName("manifests")]
    public IReadOnlyList<OciDescriptor> Manifests { get; init; } = [];
}
