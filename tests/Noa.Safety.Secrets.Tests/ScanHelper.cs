using System.Text;

namespace Noa.Safety.Secrets.Tests;

internal static class ScanHelper
{
    private static readonly Lazy<SecretScanner> Default = new(() => SecretScanner.Create(new SecretScanOptions()));

    public static SecretScanner DefaultScanner => Default.Value;

    public static Task<SecretScanResult> ScanTextAsync(this SecretScanner scanner, string text, string path = "src/settings.py") =>
        scanner.ScanAsync([(path, _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text))))]);

    public static Task<SecretScanResult> ScanFilesAsync(this SecretScanner scanner, params (string Path, string Text)[] files) =>
        scanner.ScanAsync(files.Select(f => (f.Path, (Func<CancellationToken, Task<Stream>>)(_ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(f.Text)))))).ToList());

    /// <summary>The repository root (holding Noa.slnx), or null.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx"))) { return dir.FullName; }
        }
        return null;
    }
}
