namespace Noa.Conformance;

/// <summary>A folder under the temp directory, removed with everything in it (read-only files included) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempFolder(string prefix) => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"));

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>A fresh sub-folder path (not created).</summary>
    public string Next(string name) => System.IO.Path.Combine(Path, $"{name}-{Guid.NewGuid():N}");

    /// <inheritdoc />
    public void Dispose()
    {
        if (!Directory.Exists(Path))
            return;
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
            File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(Path, recursive: true);
    }
}
