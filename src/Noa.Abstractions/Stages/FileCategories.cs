using System.Text.Json;

namespace Noa.Abstractions;

/// <summary>
/// Reads the Classifier's <c>files.json</c> (every file's category — classified, documentation, other, vendored,
/// generated — and language), which the later stages use to choose what to read.
/// </summary>
public static class FileCategories
{
    /// <summary>The artifact the Classifier writes.</summary>
    public const string BundlePath = "files.json";

    /// <summary>Category and language by path; null when the run has no files.json (the classifier ran without it).</summary>
    public static async Task<IReadOnlyDictionary<string, (string Category, string? Language)>?> ReadAsync(IRunArtifacts artifacts, CancellationToken cancellationToken)
    {
        var stream = await artifacts.OpenReadAsync(BundlePath, cancellationToken).ConfigureAwait(false);
        if (stream is null)
            return null;
        await using (stream.ConfigureAwait(false))
        {
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            var map = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
            foreach (var file in doc.RootElement.GetProperty("files").EnumerateArray())
                map[file.GetProperty("path").GetString()!] = (file.GetProperty("category").GetString() ?? "",
                    file.TryGetProperty("language", out var l) ? l.GetString() : null);
            return map;
        }
    }
}
