namespace Noa.Abstractions;

/// <summary>The immutable source snapshot that Intake produced, as later stages read it.</summary>
public interface ISourceTree
{
    /// <summary>Deterministic hash over every path and content hash.</summary>
    string TreeHash { get; }

    /// <summary>Every file, sorted by ordinal path.</summary>
    IReadOnlyList<SourceFile> Files { get; }

    /// <summary>Opens one file's content.</summary>
    Task<Stream> OpenReadAsync(SourceFile file, CancellationToken cancellationToken = default);

    /// <summary>Returns a local folder holding the snapshot, materialising it on first use
    /// (for tools that need a directory, such as external scanners).</summary>
    Task<string> GetLocalRootAsync(CancellationToken cancellationToken = default);
}
