namespace Noa.Abstractions;

/// <summary>A manifest as stored: its exact bytes (what the digest is over) and its descriptor.</summary>
/// <param name="Descriptor">Media type, digest and size of <paramref name="Content"/>.</param>
/// <param name="Content">The stored bytes.</param>
public sealed record StoredManifest(OciDescriptor Descriptor, ReadOnlyMemory<byte> Content)
{
    /// <summary>Parses the content as an image manifest.</summary>
    /// <exception cref="InvalidDataException">It is not one.</exception>
    public OciManifest Manifest() => OciJson.Parse<OciManifest>(Content.Span);
}
