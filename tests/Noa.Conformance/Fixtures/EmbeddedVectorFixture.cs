using Noa.Abstractions;
using Noa.Vectors.Embedded;

namespace Noa.Conformance;

/// <summary>Embedded vector stores, each in its own folder under one temp folder removed with the fixture.</summary>
public sealed class EmbeddedVectorFixture : IVectorStoreFixture, IDisposable
{
    private readonly TempFolder _root = new("noa-vectors");
    private readonly Dictionary<IVectorStore, string> _folders = [];

    /// <inheritdoc />
    public string? Unavailable => null;

    /// <inheritdoc />
    public Task<IVectorStore> CreateVectorStoreAsync() => Task.FromResult(Open(_root.Next("store")));

    /// <inheritdoc />
    public async Task<IVectorStore> ReopenAsync(IVectorStore store)
    {
        string folder;
        lock (_folders)
            _folders.Remove(store, out folder!);
        await ((EmbeddedVectorStore)store).DisposeAsync();
        return Open(folder);
    }

    /// <summary>A store over a folder, disposed with the fixture.</summary>
    public IVectorStore Open(string folder)
    {
        var store = EmbeddedVectorStore.Open(folder);
        lock (_folders)
            _folders[store] = folder;
        return store;
    }

    /// <summary>The folder of a store this fixture opened.</summary>
    public string FolderOf(IVectorStore store)
    {
        lock (_folders)
            return _folders[store];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var store in _folders.Keys)
            ((EmbeddedVectorStore)store).Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Dispose();
    }
}
