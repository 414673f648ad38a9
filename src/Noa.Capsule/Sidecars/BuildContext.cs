using System.Formats.Tar;
using System.IO.Compression;

namespace Noa.Capsule.Sidecars;

/// <summary>
/// Unpacks a <c>docker build</c> context (a tar, gzip-compressed or not) into a folder: files and folders only, each path
/// checked to stay inside; links, devices and FIFOs are left out (buildah reads the context from this side, as root), and
/// an entry that escapes stops the build.
/// </summary>
internal static class BuildContext
{
    public static async Task<int> ExtractAsync(string tarFile, string folder, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        await using var file = File.OpenRead(tarFile);
        var magic = new byte[2];
        var gzip = await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        Stream input = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        await using var _ = input;
        await using var reader = new TarReader(input);
        var skipped = 0;
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            var name = entry.Name.Replace('\\', '/').TrimStart('.', '/');
            if (name.Length == 0)
                continue;
            var target = Path.GetFullPath(Path.Combine(root, name));
            if (!target.StartsWith(root, StringComparison.Ordinal) || name.Split('/').Contains(".."))
                throw new InvalidDataException($"the build context entry '{entry.Name}' points outside the context");
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await using (var output = File.Create(target))
                        if (entry.DataStream is { } data)
                            await data.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                    if (!OperatingSystem.IsWindows() && (entry.Mode & UnixFileMode.UserExecute) != 0)
                        File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                    break;
                default:
                    skipped++;
                    break;
            }
        }
        return skipped;
    }
}
