namespace Noa.Stages.Classifier;

/// <summary>The per-file list, written as its own artifact so that <c>profile.json</c> stays small.</summary>
/// <param name="Version">Format version.</param>
/// <param name="Files">Every file in path order.</param>
public sealed record FileList(int Version, IReadOnlyList<FileEntry> Files)
{
    /// <summary>Bundle path of the artifact.</summary>
    public const string BundlePath = "files.json";
}
