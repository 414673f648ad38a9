using System.Runtime.InteropServices;
using System.Text;

namespace Noa.Vectors.Embedded;

/// <summary>
/// The snapshot of one collection's vectors beside <c>vectors.db</c>, so opening a large store reads one file
/// instead of every SQLite row. Layout (little-endian): magic <c>NVEC</c>, int32 version, int32 dimensions,
/// int32 count, int64 generation, then <c>count</c> ids (BinaryWriter strings), then count×dimensions float32.
/// Written to a temporary file and moved over the old one, so a crash leaves the old or the new file, never half.
/// </summary>
internal static class VectorFile
{
    private const int Magic = 0x4345564E; // "NVEC"
    private const int Version = 1;

    public static void Write(string path, CollectionIndex index, long generation)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(index.Dimensions);
            writer.Write(index.Count);
            writer.Write(generation);
            foreach (var id in index.Ids)
                writer.Write(id);
            writer.Write(MemoryMarshal.AsBytes(index.Vectors));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The ids and vectors when the file exists and matches the version, dimensions and generation; otherwise null.</summary>
    public static (string[] Ids, float[] Vectors)? TryRead(string path, int dimensions, long generation)
    {
        if (!File.Exists(path))
            return null;
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        if (reader.BaseStream.Length < 24 || reader.ReadInt32() != Magic || reader.ReadInt32() != Version
            || reader.ReadInt32() != dimensions)
            return null;
        var count = reader.ReadInt32();
        if (reader.ReadInt64() != generation)
            return null;
        var ids = new string[count];
        for (var i = 0; i < count; i++)
            ids[i] = reader.ReadString();
        var vectors = new float[count * dimensions];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(vectors.AsSpan()));
        return (ids, vectors);
    }
}
