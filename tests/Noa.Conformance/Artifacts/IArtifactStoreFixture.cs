using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>Creates artifact stores for <see cref="ArtifactStoreConformance{TFixture}"/>.</summary>
public interface IArtifactStoreFixture : IConformanceFixture
{
    /// <summary>An empty store (a new folder, bucket or prefix).</summary>
    Task<IArtifactStore> CreateAsync();
}
