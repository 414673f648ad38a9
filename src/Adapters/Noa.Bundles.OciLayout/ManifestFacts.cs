using Noa.Abstractions;

namespace Noa.Bundles.OciLayout;

/// <summary>What a store must know of a manifest it is given: the blobs it names and its artifact type.</summary>
internal sealed record ManifestFacts(IReadOnlyList<string> Blobs, string? ArtifactType)
{
    public static ManifestFacts Read(ReadOnlyMemory<byte> content, string mediaType)
    {
        switch (mediaType)
        {
            case OciMediaTypes.ImageManifest:
                var manifest = OciJson.Parse<OciManifest>(content.Span);
                return new ManifestFacts([manifest.Config.Digest, .. manifest.Layers.Select(l => l.Digest)], manifest.ArtifactType ?? manifest.Config.MediaType);
            case OciMediaTypes.ImageIndex:
                OciJson.Parse<OciIndex>(content.Span);
                return new ManifestFacts([], null);
            default:
                throw new ArgumentException($"'{mediaType}' is not a manifest media type this store keeps (OCI image manifest or index).", nameof(mediaType));
        }
    }
}
