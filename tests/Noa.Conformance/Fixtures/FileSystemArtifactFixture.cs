using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Artifacts.FileSystem;

namespace Noa.Conformance;

/// <summary>Fresh folder stores under one temp folder.</summary>
public sealed class FileSystemArtifactFixture : IArtifactStoreFixture, IDisposable
{
    private readonly TempFolder _folder = new("noa-cas");

    /// <inheritdoc />
    public string? Unavailable => null;

    /// <summary>The root of the store most recently created.</summary>
    public string LastRoot { get; private set; } = "";

    /// <inheritdoc />
    public Task<IArtifactStore> CreateAsync()
    {
        LastRoot = _folder.Next("store");
        return Task.FromResult<IArtifactStore>(new FileSystemArtifactStore(Options.Create(new FileSystemArtifactSettings { Root = LastRoot })));
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();
}
