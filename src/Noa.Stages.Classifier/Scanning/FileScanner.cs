using System.Buffers;
using System.Text;
using Noa.Stages.Classifier.Languages;
using Noa.Stages.Classifier.Paths;
using Noa.Stages.Classifier.Scoping;

namespace Noa.Stages.Classifier.Scanning;

/// <summary>
/// Scans one file the way linguist decides about a blob, reading as little as it can: path rules
/// first (no read), then the first 8,000 bytes for the binary test, modelines, shebangs and markers,
/// and up to <see cref="ClassifierOptions.MaxBytesPerFile"/> only when a heuristic needs the content.
/// </summary>
internal static class FileScanner
{
    /// <summary>Git's and linguist's window for the NUL-byte binary test.</summary>
    public const int BinaryWindow = 8000;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static ValueTask<FileScan> ScanAsync(ClassifierInput input, int maxBytes, CancellationToken cancellationToken) =>
        ScanAsync(input, maxBytes, LinguistOverrides.None, cancellationToken);

    public static async ValueTask<FileScan> ScanAsync(ClassifierInput input, int maxBytes, LinguistOverrides overrides, CancellationToken cancellationToken)
    {
        var path = input.Path;
        // Categories follow linguist exactly (the language breakdown is compared with it); the scope is ours and reads the same facts.
        var thirdParty = overrides.Vendored ?? PathRules.IsThirdParty(path);
        if (overrides.Vendored ?? PathRules.IsVendored(path))
        {
            return Scoped(new FileScan(path, input.Size, FileCategory.Vendored, null), thirdParty, false, overrides);
        }
        // Documentation paths are read too: examples/ is documentation to linguist, but its code is parsed as scope example.
        var documentation = overrides.Documentation ?? PathRules.IsDocumentation(path);
        if (!documentation && (overrides.Generated ?? PathRules.IsGeneratedPath(path)))
        {
            return Scoped(new FileScan(path, input.Size, FileCategory.Generated, null), false, true, overrides);
        }
        var notDetected = documentation ? FileCategory.Documentation : FileCategory.Other;
        if (input.Size == 0)
        {
            return Scoped(new FileScan(path, 0, notDetected, null), false, false, overrides);
        }

        var limit = (int)Math.Min(input.Size, Math.Max(maxBytes, BinaryWindow));
        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            await using var stream = await input.OpenAsync(cancellationToken).ConfigureAwait(false);
            var length = await ReadAsync(stream, buffer, 0, Math.Min(limit, BinaryWindow), cancellationToken).ConfigureAwait(false);
            // UTF-16 text (Windows .rc, .sql exports) is full of NULs but linguist's encoding detection reads it as text.
            var utf16 = buffer.AsSpan(0, length) is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];
            if (!utf16 && buffer.AsSpan(0, length).IndexOf((byte)0) >= 0)
            {
                return Scoped(new FileScan(path, input.Size, documentation ? FileCategory.Documentation : FileCategory.Binary, null), false, false, overrides);
            }
            var head = Decode(buffer, length);
            var complete = length >= input.Size;
            var name = Basename(path);

            string More()
            {
                if (complete || length >= limit)
                {
                    return head;
                }
                // Heuristics are synchronous; file and memory streams complete synchronously anyway, and other
                // streams block one worker of the bounded parallel loop for the rest of a 64 KiB head.
                length += ReadAsync(stream, buffer, length, limit - length, cancellationToken).AsTask().GetAwaiter().GetResult();
                complete = length >= input.Size;
                head = Decode(buffer, length);
                return head;
            }

            var language = overrides.Language ?? LanguageDetector.Detect(name, head, complete, More, path);
            if (language is null)
            {
                return Scoped(new FileScan(path, input.Size, notDetected, null), false, false, overrides);
            }
            var lower = name.ToLowerInvariant();
            var generated = overrides.Generated ?? GeneratedContent.IsGenerated(lower, head);
            FileScan scan;
            if (documentation)
            {
                scan = new FileScan(path, input.Size, FileCategory.Documentation, language);
            }
            else if (generated)
            {
                return Scoped(new FileScan(path, input.Size, FileCategory.Generated, language), false, true, overrides);
            }
            else
            {
                var counted = overrides.Detectable ?? language.IsDetectable;
                scan = new FileScan(path, input.Size, counted ? FileCategory.Classified : FileCategory.Other, language);
            }
            SourceSignals.Collect(scan, lower, head);
            ImportedFrameworks.Collect(scan, head);
            return Scoped(scan, false, generated, overrides);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static FileScan Scoped(FileScan scan, bool thirdParty, bool generated, LinguistOverrides overrides)
    {
        scan.Scope = ScopeRules.Decide(scan.Path, thirdParty, generated, overrides.Documentation, ScopeRules.IsProse(scan.Language?.Name));
        return scan;
    }

    internal static string Decode(byte[] buffer, int length)
    {
        var span = buffer.AsSpan(0, length);
        if (span is [0xFF, 0xFE, ..])
        {
            return Encoding.Unicode.GetString(span[2..(2 + ((length - 2) & ~1))]);
        }
        if (span is [0xFE, 0xFF, ..])
        {
            return Encoding.BigEndianUnicode.GetString(span[2..(2 + ((length - 2) & ~1))]);
        }
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }
        return Utf8.GetString(span);
    }

    internal static string Basename(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    private static async ValueTask<int> ReadAsync(Stream stream, byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        // The buffer holds the file from its first byte, so offset is also the position in the file.
        if (stream is FileStream file)
        {
            // Positional reads straight into our buffer: a FileStream would first fill its own buffer
            // (80 KiB in the artifact store) and, when opened for async, hop through the thread pool.
            return ReadFile(file, buffer, offset, count);
        }
        var total = 0;
        while (total < count)
        {
            var read = stream is MemoryStream
                ? stream.Read(buffer, offset + total, count - total)
                : await stream.ReadAsync(buffer.AsMemory(offset + total, count - total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    private static int ReadFile(FileStream file, byte[] buffer, int offset, int count)
    {
        var handle = file.SafeFileHandle;
        var total = 0;
        while (total < count)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(offset + total, count - total), offset + total);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }
}
