using System.Text.Json;

namespace Noa.Abstractions.Profiles;

/// <summary>The Classifier's per-file list, <c>files.json</c> (schema: <c>schemas/files.schema.json</c>), its own artifact so that
/// <c>profile.json</c> stays small. Read it through <see cref="FileCategories"/>.</summary>
/// <param name="Version">Format version, <see cref="CurrentVersion"/>.</param>
/// <param name="Files">Every file in ordinal path order.</param>
public sealed record FileList(int Version, IReadOnlyList<FileEntry> Files)
{
    /// <summary>Bundle path of the artifact.</summary>
    public const string BundlePath = "files.json";

    /// <summary>The version this build writes and reads.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The list as the Classifier writes it (UTF-8 JSON).</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ArtifactJson.Readable.FileList);

    /// <summary>The run's file list; null when the run has none (the Classifier ran without it).</summary>
    /// <exception cref="InvalidDataException">It does not follow this contract (another version, a missing field).</exception>
    public static Task<FileList?> ReadAsync(IRunArtifacts artifacts, CancellationToken cancellationToken) =>
        ArtifactReader.ReadAsync(artifacts, BundlePath, ArtifactJson.Readable.FileList, f => f.Version, CurrentVersion, cancellationToken);

    /// <summary>Reads a file list from JSON.</summary>
    /// <exception cref="InvalidDataException">It does not follow this contract (another version, a missing field).</exception>
    public static Task<FileList> ReadAsync(Stream json, CancellationToken cancellationToken = default) =>
        ArtifactReader.ReadAsync(json, BundlePath, ArtifactJson.Readable.FileList, f => f.Version, CurrentVersion, cancellationToken);
}
