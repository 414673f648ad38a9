using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Noa.Bench.Embeddings;

/// <summary>
/// Embeddings on disk by sha256 of the text, so a rerun embeds only new texts: an append-only file of
/// (32-byte hash, 384 floats) records under .cache/bench, safe to delete.
/// </summary>
internal sealed class VectorCache(string file, int dimensions)
{
    private readonly Dictionary<string, float[]> _vectors = Load(file, dimensions);

    public int Count => _vectors.Count;

    /// <summary>Vectors of the texts in order, embedding (in batches, with progress on stderr) those not cached.</summary>
    public async Task<float[][]> GetAsync(IReadOnlyList<string> texts, IEmbeddingGenerator<string, Embedding<float>> generator, string what)
    {
        var keys = texts.Select(Key).ToArray();
        var missing = keys.Select((k, i) => (k, i)).Where(x => !_vectors.ContainsKey(x.k)).DistinctBy(x => x.k).ToList();
        if (missing.Count > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await using var output = new FileStream(file, FileMode.Append);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var done = 0;
            foreach (var batch in missing.Chunk(512))
            {
                var embedded = await generator.GenerateAsync(batch.Select(x => texts[x.i]));
                for (var j = 0; j < batch.Length; j++)
                {
                    var vector = embedded[j].Vector.ToArray();
                    _vectors[batch[j].k] = vector;
                    output.Write(Convert.FromHexString(batch[j].k));
                    output.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
                }
                done += batch.Length;
                Console.Error.WriteLine($"  embedded {done}/{missing.Count} {what} ({done / clock.Elapsed.TotalSeconds:F1}/s)");
            }
        }
        return [.. keys.Select(k => _vectors[k])];
    }

    private static string Key(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Dictionary<string, float[]> Load(string file, int dimensions)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(file))
            return vectors;
        var bytes = File.ReadAllBytes(file);
        var size = 32 + 4 * dimensions;
        for (var at = 0; at + size <= bytes.Length; at += size)
            vectors[Convert.ToHexStringLower(bytes.AsSpan(at, 32))] =
                System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan(at + 32, 4 * dimensions)).ToArray();
        return vectors;
    }
}
