using Noa.Abstractions.Profiles;

namespace Noa.Abstractions;

/// <summary>
/// Reads the Classifier's <c>files.json</c> (<see cref="FileList"/>: every file's linguist category, language and scope), which the later
/// stages use to choose what to read and how to weigh it.
/// </summary>
public static class FileCategories
{
    /// <summary>The artifact the Classifier writes.</summary>
    public const string BundlePath = FileList.BundlePath;

    /// <summary>Each file's entry by path; null when the run has no files.json (the classifier ran without it).</summary>
    /// <exception cref="InvalidDataException">files.json does not follow its contract.</exception>
    public static async Task<IReadOnlyDictionary<string, FileEntry>?> ReadAsync(IRunArtifacts artifacts, CancellationToken cancellationToken)
    {
        if (await FileList.ReadAsync(artifacts, cancellationToken).ConfigureAwait(false) is not { } list)
            return null;
        var map = new Dictionary<string, FileEntry>(list.Files.Count, StringComparer.Ordinal);
        foreach (var file in list.Files)
            map[file.Path] = file;
        return map;
    }
}
