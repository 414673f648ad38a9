using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>Creates run stores for <see cref="RunStoreConformance{TFixture}"/>.</summary>
public interface IRunStoreFixture : IConformanceFixture
{
    /// <summary>An empty store (a new database file or schema).</summary>
    Task<IRunStore> CreateRunStoreAsync();
}
