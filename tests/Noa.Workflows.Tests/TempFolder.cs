namespace Noa.Workflows.Tests;

/// <summary>A temp folder removed with its content (read-only files included) on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"noa-wf-{Guid.NewGuid():N}"));

    public string Path { get; }

    public void Dispose()
    {
        if (!Directory.Exists(Path))
            return;
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
            File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(Path, recursive: true);
    }
}
