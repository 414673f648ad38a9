namespace Noa.Stages.Classifier.Languages;

/// <summary>Where a folder's name settles an ambiguous extension before any content is read: tree-sitter grammars,
/// Neovim, Helix and Zed keep their queries in queries/ folders, including those that only say "; inherits: c"
/// and so carry nothing for the content heuristics to see. Not linguist's (it has no path heuristics).</summary>
internal static class FolderHints
{
    private static readonly (string Extension, string Folder, string Language)[] Hints =
    [
        (".scm", "queries", "Tree-sitter Query"),
    ];

    /// <summary>The language that a folder of <paramref name="path"/> ('/'-separated, relative) names for a file with
    /// <paramref name="lowerName"/>, or null.</summary>
    public static string? For(string path, string lowerName)
    {
        foreach (var (extension, folder, language) in Hints)
        {
            if (lowerName.EndsWith(extension, StringComparison.Ordinal)
                && path.Split('/').SkipLast(1).Any(f => f.Equals(folder, StringComparison.OrdinalIgnoreCase)))
            {
                return language;
            }
        }
        return null;
    }
}
