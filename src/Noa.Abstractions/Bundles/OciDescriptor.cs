using System.Text.Json.Serialization;

namespace Noa.Abstractions;

/// <summary>An OCI content descriptor (image-spec 1.1 <c>descriptor.md</c>): what a manifest, an index or a referrer list points at.</summary>
public sealed record OciDescriptor
{
    /// <summary>The media type of the referenced content.</summary>
    [JsonPropertyName("mediaType")]
    public required string MediaType { get; init; }

    /// <summary><c>sha256:</c> + lower-case hex of the content.</summary>
    [JsonPropertyName("digest")]
    public required string Digest { get; init; }

    /// <summary>Size of the content in bytes.</summary>
    [JsonPropertyName("size")]
    public required long Size { get; init; }

    /// <summary>For a manifest that is an artifact: its artifact type (set in referrer lists and indexes).</summary>
    [JsonPropertyName("artifactType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ArtifactType { get; init; }

    /// <summary>Small embedded content (the empty config carries <c>e30=</c>).</summary>
    [JsonPropertyName("data")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Data { get; init; }

    /// <summary>Annotations, e.g. <c>org.opencontainers.image.title</c>.</summary>
    [JsonPropertyName("annotations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The hex part of <see cref="Digest"/>.</summary>
    [JsonIgnore]
    public string Hex => Digest.StartsWith(OciDigest.Prefix, StringComparison.Ordinal) ? Digest[OciDigest.Prefix.Length..] : Digest;
}
