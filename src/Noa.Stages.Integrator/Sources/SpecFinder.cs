using System.Text;
using Noa.Abstractions;

namespace Noa.Stages.Integrator.Sources;

/// <summary>
/// Finds the OpenAPI documents of a snapshot: files named like a spec (<c>openapi.*</c>, <c>swagger.*</c>,
/// <c>*.openapi.*</c>, JSON or YAML) outside vendored folders whose first kilobytes declare <c>openapi</c> or
/// <c>swagger</c>. A snapshot that is a single document (an OpenAPI source) is that document whatever its name.
/// </summary>
internal static class SpecFinder
{
    private static readonly string[] Extensions = [".json", ".yaml", ".yml"];
    private static readonly string[] Skipped = ["node_modules/", "vendor/", "third_party/", ".git/", "test/fixtures/", "testdata/"];

    public static async Task<List<SourceFile>> FindAsync(ISourceTree source, long maxBytes, CancellationToken cancellationToken)
    {
        var candidates = source.Files.Count == 1
            ? source.Files.ToList()
            : source.Files.Where(f => LooksLikeSpecName(f.Path) && !Skipped.Any(s => f.Path.Contains(s, StringComparison.Ordinal))).ToList();
        var found = new List<SourceFile>();
        foreach (var file in candidates.Where(f => f.Size <= maxBytes))
            if (await DeclaresOpenApiAsync(source, file, cancellationToken).ConfigureAwait(false))
                found.Add(file);
        return found;
    }

    private static bool LooksLikeSpecName(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        return Extensions.Any(e => name.EndsWith(e, StringComparison.Ordinal))
            && (name.StartsWith("openapi", StringComparison.Ordinal) || name.StartsWith("swagger", StringComparison.Ordinal) || name.Contains(".openapi.", StringComparison.Ordinal));
    }

    private static async Task<bool> DeclaresOpenApiAsync(ISourceTree source, SourceFile file, CancellationToken cancellationToken)
    {
        await using var stream = await source.OpenReadAsync(file, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[8192];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var head = Encoding.UTF8.GetString(buffer, 0, read);
        return head.Contains("\"openapi\"", StringComparison.Ordinal) || head.Contains("\"swagger\"", StringComparison.Ordinal)
            || head.Contains("openapi:", StringComparison.Ordinal) || head.Contains("swagger:", StringComparison.Ordinal);
    }
}
