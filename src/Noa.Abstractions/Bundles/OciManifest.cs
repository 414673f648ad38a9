using System.Text.Json.Serialization;

namespace Noa.Abstractions;

/// <summary>
/// An OCI image manifest (image-spec 1.1), as used for artifacts: <see cref="ArtifactType"/> names what it holds, the config
/// is the empty descriptor, and <see cref="Subject"/>, when set, makes it a referrer of another manifest. Its stored bytes are
/// what its digest is over: read it with <see cref="OciJson.Parse{T}"/>, never re-serialise one to compare digests.
/// </summary>
public sealed record OciManifest
{
    /// <summary>Always 2.</summary>
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    /// <summary><see cref="OciMediaTypes.ImageManifest"/>.</summary>
    [JsonPropertyName("mediaType")]
    public string MediaType { get; init; } = OciMediaTypes.ImageManifest;

    /// <summary>What the artifact is, e.g. <see cref="OciMediaTypes.Bundle"/>.</summary>
    [JsonPropertyName("artifactType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ArtifactType { get; init; }

    /// <summary>The config; <see cref="OciDigest.EmptyConfig"/> for artifacts.</summary>
    [JsonPropertyName("config")]
    public required OciDescriptor Config { get; init; }

    /// <summary>The content, one layer per file.</summary>
    [JsonPropertyName("layers")]
    public required IReadOnlyList<OciDescriptor> Layers { get; init; }

    /// <summary>The manifest this one refers to (a signature, an SBOM of it); null for none.</summary>
    [JsonPropertyName("subject")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OciDescriptor? Subject { get; init; }

    /// <summary>Annotations of the manifest.</summary>
    [JsonPropertyName("annotations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
