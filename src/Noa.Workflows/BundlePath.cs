namespace Noa.Workflows;

/// <summary>Bundle paths are relative, <c>/</c>-separated and never climb out of the bundle.</summary>
internal static class BundlePath
{
    public static bool IsValid(string? path) =>
        !string.IsNullOrEmpty(path)
        && !path.StartsWith('/')
        && !path.Contains('\\')
        && !path.Contains(':')
        && !path.Any(char.IsControl)
        && path.Split('/').All(segment => segment is not ("" or "." or ".."));

    public static void Validate(string path, string paramName)
    {
        if (!IsValid(path))
            throw new ArgumentException($"'{path}' is not a valid bundle path: use a relative path with '/' separators and no '.', '..' or empty segments.", paramName);
    }

    /// <summary>The full path of <paramref name="path"/> under <paramref name="root"/>, checked to stay inside it.</summary>
    public static string Resolve(string root, string path)
    {
        Validate(path, nameof(path));
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, path));
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(fullRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{path}' leaves the folder '{fullRoot}'.", nameof(path));
        return full;
    }
}
