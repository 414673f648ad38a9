using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

/// <summary>The embedded query file of each grammar, compiled once and shared by every thread.</summary>
internal static class QuerySet
{
    private static readonly ConcurrentDictionary<string, Lazy<Query?>> Queries = new(StringComparer.Ordinal);

    /// <summary>The query file a grammar uses: TSX shares TypeScript's.</summary>
    public static string FileOf(string grammar) => grammar == "tsx" ? "typescript" : grammar;

    /// <summary>The compiled query of <paramref name="grammar"/>, or null when no query file is embedded for it.</summary>
    /// <exception cref="QueryException">The embedded query does not compile (a bug caught by the tests).</exception>
    public static Query? Get(string grammar) =>
        Queries.GetOrAdd(grammar, g => new Lazy<Query?>(() => Text(FileOf(g)) is { } text ? new Query(Language.Get(g), text) : null)).Value;

    /// <summary>The text of a grammar's query: its file and, appended, the patterns of the surface the system card and later stages need (entry points, config declarations)
    /// (<c>Queries/Surface/</c>, kept apart so the two evolve without touching each other); null when it has none.</summary>
    public static string? Text(string file) =>
        Resource($"Noa.Graph.Queries.{file}.scm") is { } text ? text + "\n" + Resource($"Noa.Graph.Queries.Surface.{file}.scm") : null;

    private static string? Resource(string name)
    {
        using var stream = typeof(QuerySet).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>A hash of every embedded query, the extractor's version and this assembly's build (its MVID, the same
    /// for the same source under deterministic builds): the cache key's salt, so a changed query or extractor
    /// re-extracts every file.</summary>
    public static string Fingerprint { get; } = ComputeFingerprint();

    private static string ComputeFingerprint()
    {
        var assembly = typeof(QuerySet).Assembly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(FileExtractor.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        hash.AppendData(assembly.ManifestModule.ModuleVersionId.ToByteArray());
        foreach (var name in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData(buffer.ToArray());
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
