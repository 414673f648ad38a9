using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>Creates fresh, empty vector stores for <see cref="VectorStoreConformance{TFixture}"/>.</summary>
public interface IVectorStoreFixture : IConformanceFixture
{
    /// <summary>A new store over new, empty storage.</summary>
    Task<IVectorStore> CreateVectorStoreAsync();

    /// <summary>Closes the store and opens a new instance over the same storage.</summary>
    Task<IVectorStore> ReopenAsync(IVectorStore store);
}
