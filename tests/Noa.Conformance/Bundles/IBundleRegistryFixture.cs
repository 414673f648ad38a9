using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>Creates bundle stores for <see cref="BundleRegistryConformance{TFixture}"/>.</summary>
public interface IBundleRegistryFixture : IConformanceFixture
{
    /// <summary>A store; blobs above <paramref name="chunkThreshold"/> bytes go up in chunks where the store chunks.</summary>
    IBundleRegistry Create(long chunkThreshold = 16L * 1024 * 1024);

    /// <summary>How skopeo names <paramref name="repository"/>:<paramref name="tag"/> in the store, with the options it needs.</summary>
    string[] Skopeo(string repository, string tag);

    /// <summary>The referrers mode the store must report.</summary>
    ReferrersMode ExpectedReferrersMode { get; }
}
