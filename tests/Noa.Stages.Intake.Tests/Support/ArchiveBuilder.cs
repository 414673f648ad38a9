using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Noa.Stages.Intake.Tests.Support;

/// <summary>Writes tar, tar.gz and zip archives with arbitrary (also hostile) entries.</summary>
internal static class ArchiveBuilder
{
    public static void Tar(string file, bool gzip, params TarEntry[] entries)
    {
        using var stream = System.IO.File.Create(file);
        using var compressed = gzip ? new GZipStream(stream, CompressionLevel.Optimal) : (Stream)stream;
        using var writer = new TarWriter(compressed, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var entry in entries)
        {
            writer.WriteEntry(entry);
        }
    }

    public static PaxTarEntry File(string name, string content, UnixFileMode mode = (UnixFileMode)0b110_100_100) =>
        File(name, Encoding.UTF8.GetBytes(content), mode);

    public static PaxTarEntry File(string name, byte[] content, UnixFileMode mode = (UnixFileMode)0b110_100_100) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = mode };

    public static PaxTarEntry Link(TarEntryType type, string name, string target) => new(type, name) { LinkName = target };

    public static PaxTarEntry Folder(string name) => new(TarEntryType.Directory, name);

    /// <summary>Writes a zip; a null content with a link target makes a Unix symlink entry.</summary>
    public static void Zip(string file, params (string Name, string Content, int? UnixMode)[] entries)
    {
        using var stream = System.IO.File.Create(file);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach (var (name, content, mode) in entries)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            if (mode is { } m)
            {
                entry.ExternalAttributes = m << 16;
            }
            using var writer = entry.Open();
            writer.Write(Encoding.UTF8.GetBytes(content));
        }
    }

    public static void ZipBytes(string file, string name, byte[] content)
    {
        using var stream = System.IO.File.Create(file);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        using var writer = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        writer.Write(content);
    }
}
