using Noa.Abstractions;

namespace Noa.Stages.Registrar;

/// <summary>What was published: written as <c>registrar.json</c> and printed by <c>noa publish</c>.</summary>
/// <param name="Version">Format version.</param>
/// <param name="Store">Where (<see cref="IBundleRegistry.Location"/>).</param>
/// <param name="Reference">Repository and tag, e.g. <c>noa/left-pad:tree-…</c>.</param>
/// <param name="Digest">The bundle manifest's digest.</param>
/// <param name="Referrers">The referrers attached, with their artifact types.</param>
/// <param name="ReferrersMode">How the store keeps referrers.</param>
/// <param name="Bytes">Bytes of every blob of the bundle and its referrers.</param>
/// <param name="AlreadyPublished">True when the tag already named this bundle.</param>
/// <param name="Deliverable">The zipped bundle in the object store (key, version, sha256, size); null without one.</param>
/// <param name="Images">The images Env Synthesis verified, published with their own SBOM and provenance referrers.</param>
public sealed record PublishResult(int Version, string Store, string Reference, string Digest, IReadOnlyList<OciDescriptor> Referrers,
    ReferrersMode ReferrersMode, long Bytes, bool AlreadyPublished, CatalogDeliverable? Deliverable = null,
    IReadOnlyList<PublishedImage>? Images = null)
{
    /// <summary>The bundle path of the record.</summary>
    public const string BundlePath = "registrar.json";
}
