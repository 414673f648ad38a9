namespace Noa.Gateway.Tests;

/// <summary>A temp folder removed with its content on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"noa-gw-{Guid.NewGuid():N}"));

    public string Path { get; }

    /// <summary>The folder Intake may read sources from.</summary>
    public string Sources => System.IO.Path.Combine(Path, "sources");

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
                Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a stopping host; the OS temp cleaner gets it.
        }
    }
}
