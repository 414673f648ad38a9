namespace Noa.Stages.Classifier;

/// <summary>One file to classify: its path relative to the root (with <c>/</c>), its size, and how to open it.</summary>
/// <param name="Path">Relative path with <c>/</c> separators.</param>
/// <param name="Size">Size in bytes; counted in the language breakdown.</param>
/// <param name="OpenAsync">Opens the content for reading; the classifier reads only the first bytes it needs.</param>
public sealed record ClassifierInput(string Path, long Size, Func<CancellationToken, ValueTask<Stream>> OpenAsync)
{
    /// <summary>A file on disk under <paramref name="root"/>.</summary>
    public static ClassifierInput FromFile(string root, string relativePath, long size)
    {
        var full = System.IO.Path.Combine(root, relativePath);
        return new ClassifierInput(relativePath, size, _ => ValueTask.FromResult<Stream>(
            new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan)));
    }

    /// <summary>Every regular file under <paramref name="root"/>, skipping <c>.git</c> and symbolic links, sorted by ordinal path.</summary>
    public static IReadOnlyList<ClassifierInput> FromDirectory(string root)
    {
        var files = new List<ClassifierInput>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var prefix = System.IO.Path.GetFullPath(root).TrimEnd(System.IO.Path.DirectorySeparatorChar).Length + 1;
        foreach (var info in new DirectoryInfo(root).EnumerateFiles("*", options))
        {
            var relative = info.FullName[prefix..].Replace('\\', '/');
            if (relative.StartsWith(".git/", StringComparison.Ordinal) || relative.Contains("/.git/", StringComparison.Ordinal))
            {
                continue;
            }
            files.Add(FromFile(root, relative, info.Length));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }
}
