namespace Noa.Abstractions;

/// <summary>The media types and annotation keys the bundle registry reads and writes.</summary>
public static class OciMediaTypes
{
    /// <summary>OCI image manifest.</summary>
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>OCI image index.</summary>
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>The empty config of an artifact (content <c>{}</c>).</summary>
    public const string Empty = "application/vnd.oci.empty.v1+json";

    /// <summary>The artifact type of a noa bundle.</summary>
    public const string Bundle = "application/vnd.noa.bundle.v1+json";

    /// <summary>The artifact type of an in-toto attestation (the provenance referrer).</summary>
    public const string InToto = "application/vnd.in-toto+json";

    /// <summary>A DSSE envelope (the provenance referrer's layer).</summary>
    public const string DsseEnvelope = "application/vnd.dsse.envelope.v1+json";

    /// <summary>The annotation naming a layer's file (its bundle path).</summary>
    public const string TitleAnnotation = "org.opencontainers.image.title";

    /// <summary>The annotation naming a manifest's tag in an OCI layout's <c>index.json</c>.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>The annotation with the creation time (RFC 3339).</summary>
    public const string CreatedAnnotation = "org.opencontainers.image.created";
}
