using System.Formats.Tar;
using System.IO.Compression;

namespace Noa.Stages.Intake;

/// <summary>
/// Reads <c>.tar</c>, <c>.tar.gz</c>/<c>.tgz</c> and <c>.zip</c> archives into the workspace through
/// <see cref="ArchiveSink"/>. Entry names are kept as they are: a single top-level folder (as in
/// <c>project-1.0/…</c>) is not stripped, so paths match what <c>tar -x</c> would give.
/// </summary>
internal sealed class ArchiveExtractor(IntakeOptions options)
{
    public static string? FormatOf(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.EndsWith(".tar.gz", StringComparison.Ordinal) || lower.EndsWith(".tgz", StringComparison.Ordinal) ? "tar.gz"
            : lower.EndsWith(".tar", StringComparison.Ordinal) ? "tar"
            : lower.EndsWith(".zip", StringComparison.Ordinal) ? "zip"
            : null;
    }

    /// <summary>The format from the first bytes, for archives whose name has no telling extension.</summary>
    public static string? FormatOfContent(string file)
    {
        Span<byte> head = stackalloc byte[512];
        using var stream = File.OpenRead(file);
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..length];
        return head.StartsWith("PK\u0003\u0004"u8) ? "zip"
            : head.StartsWith(new byte[] { 0x1f, 0x8b }) ? "tar.gz"
            : length >= 262 && head[257..262].SequenceEqual("ustar"u8) ? "tar"
            : null;
    }

    public async Task<Checked<IntakeResult>> ExtractAsync(string archive, string format, string workspace, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workspace, "archive");
        Directory.CreateDirectory(folder);
        await using var counting = new CountingStream(new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
        var sink = new ArchiveSink(folder, options, counting);
        var result = new IntakeResult();
        string? error;
        try
        {
            error = format == "zip"
                ? await ReadZipAsync(counting, sink, cancellationToken).ConfigureAwait(false)
                : await ReadTarAsync(format == "tar.gz" ? new GZipStream(counting, CompressionMode.Decompress, leaveOpen: true) : counting, sink, cancellationToken).ConfigureAwait(false);
        }
        // Malformed headers surface as any of these from the tar, gzip and zip readers.
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException or NotSupportedException
            or OverflowException or ArgumentException)
        {
            error = $"the archive is corrupt or unsupported: {ex.Message}";
        }
        error ??= sink.Complete(result);
        if (error is not null)
        {
            return Checked<IntakeResult>.Refuse(error);
        }
        result.Archive = new ArchiveDetails(format, sink.Entries, counting.BytesRead);
        return result;
    }

    private static async Task<string?> ReadTarAsync(Stream stream, ArchiveSink sink, CancellationToken cancellationToken)
    {
        await using var reader = new TarReader(stream, leaveOpen: false);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (sink.CountEntry(entry.Name) is { } tooMany)
            {
                return tooMany;
            }
            var path = ArchivePath.Normalize(entry.Name);
            if (path.Failed)
            {
                return path.Error;
            }
            if (sink.Admit(path.Value!) is { } refused)
            {
                return refused;
            }
            if (path.Value!.Length == 0 && entry.EntryType is not (TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes or TarEntryType.TapeVolume))
            {
                return $"archive entry '{entry.Name}' has no file name";
            }
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    sink.AddFolder(path.Value!);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    var executable = (entry.Mode & UnixFileMode.UserExecute) != 0;
                    using (var empty = new MemoryStream())
                    {
                        var error = await sink.AddFileAsync(path.Value!, entry.DataStream ?? empty, executable, cancellationToken).ConfigureAwait(false);
                        if (error is not null)
                        {
                            return error;
                        }
                    }
                    break;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    var hard = entry.EntryType == TarEntryType.HardLink;
                    if (ArchivePath.ResolveTarget(path.Value!, entry.LinkName, hard) is null)
                    {
                        return $"archive entry '{entry.Name}' is a {(hard ? "hard" : "symbolic")} link to '{entry.LinkName}', outside the archive";
                    }
                    sink.AddLink(path.Value!, entry.LinkName, hard);
                    break;
                case TarEntryType.GlobalExtendedAttributes or TarEntryType.TapeVolume:
                    // Metadata, not content: git archive writes a pax global header with the commit id.
                    break;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    return $"archive entry '{entry.Name}' is a device or FIFO ({entry.EntryType}); refused";
                default:
                    return $"archive entry '{entry.Name}' has the unsupported type {entry.EntryType}";
            }
        }
        return null;
    }

    private static async Task<string?> ReadZipAsync(Stream stream, ArchiveSink sink, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries)
        {
            if (sink.CountEntry(entry.FullName) is { } tooMany)
            {
                return tooMany;
            }
            var path = ArchivePath.Normalize(entry.FullName);
            if (path.Failed)
            {
                return path.Error;
            }
            if (sink.Admit(path.Value!) is { } refused)
            {
                return refused;
            }
            // Unix zip tools keep st_mode in the high 16 bits of the external attributes.
            var mode = (entry.ExternalAttributes >> 16) & 0xFFFF;
            var type = mode & 0xF000;
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\') || type == 0x4000)
            {
                sink.AddFolder(path.Value!);
                continue;
            }
            if (path.Value!.Length == 0)
            {
                return $"archive entry '{entry.FullName}' has no file name";
            }
            if (type is 0x2000 or 0x6000 or 0x1000 or 0xC000)
            {
                return $"archive entry '{entry.FullName}' is a device, FIFO or socket; refused";
            }
            await using var content = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (type == 0xA000)
            {
                // A symlink's content is its target; read a bounded amount, it is a path.
                var buffer = new byte[4096];
                var length = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                var target = System.Text.Encoding.UTF8.GetString(buffer, 0, length);
                if (ArchivePath.ResolveTarget(path.Value!, target, relativeToRoot: false) is null)
                {
                    return $"archive entry '{entry.FullName}' is a symbolic link to '{target}', outside the archive";
                }
                sink.AddLink(path.Value!, target, hard: false);
                continue;
            }
            var error = await sink.AddFileAsync(path.Value!, content, (mode & 0x40) != 0, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
        }
        return null;
    }
}
