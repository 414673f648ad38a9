using System.Text;
using Noa.Abstractions;

namespace Noa.Stages.Env.Facts;

/// <summary>Small text files of the snapshot (version pins, manifests, entry files), read on demand and kept.</summary>
internal sealed class SourceText(ISourceTree source)
{
    // Version pins and manifests are small; anything larger is not one of them.
    private const long MaxBytes = 512 * 1024;

    private readonly Dictionary<string, SourceFile> _files = source.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _read = new(StringComparer.Ordinal);

    public bool Exists(string path) => _files.ContainsKey(path);

    public IEnumerable<string> Paths => _files.Keys;

    /// <summary>The file's text, or null when it is absent or too large to be a manifest.</summary>
    public async Task<string?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (_read.TryGetValue(path, out var text))
            return text;
        if (!_files.TryGetValue(path, out var file) || file.Size > MaxBytes)
            return _read[path] = null;
        await using var stream = await source.OpenReadAsync(file, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return _read[path] = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>root/name</c>, or <c>name</c> for the repository root.</summary>
    public static string Join(string root, string name) => root == "." ? name : $"{root}/{name}";

    /// <summary>The 1-based line of the first occurrence of <paramref name="index"/> in <paramref name="text"/>.</summary>
    public static int LineOf(string text, int index) => 1 + text.AsSpan(0, Math.Clamp(index, 0, text.Length)).Count('\n');
}
