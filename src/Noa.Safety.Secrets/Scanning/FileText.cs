using System.Text;

namespace Noa.Safety.Secrets.Scanning;

/// <summary>
/// Reads a file as text for the rules, so that no encoding or size hides a secret: the encoding comes from a byte-order
/// mark (UTF-8, UTF-16, UTF-32) or, without one, from the pattern of NUL bytes UTF-16 leaves (Windows tools write it
/// without a mark); anything else is UTF-8, invalid bytes replaced (a Latin-1 file keeps its ASCII secrets). A file
/// with NUL bytes that are not UTF-16 is binary. A large file is read in windows that start on a line and overlap, so
/// a secret across a window's edge is found whole in the next one; memory stays at a window whatever the file's size.
/// </summary>
internal static class FileText
{
    public const int ProbeBytes = 8000;

    /// <summary>Characters per window.</summary>
    public const int Window = 4 * 1024 * 1024;

    /// <summary>Characters a window shares with the one before it: longer than any secret a rule matches.</summary>
    public const int Overlap = 64 * 1024;

    /// <summary>How a file's text was read.</summary>
    /// <param name="Bytes">Bytes read.</param>
    /// <param name="Skip">Why it was not scanned (binary, or over <c>maxBytes</c>), or null.</param>
    /// <param name="Detail">What the reason means here.</param>
    public readonly record struct Outcome(long Bytes, SkipReason? Skip, string? Detail);

    /// <summary>Calls <paramref name="scan"/> with each window's text, the number of lines before it in the file, and
    /// whether it is the first window.</summary>
    public static async Task<Outcome> ReadAsync(Stream stream, long maxBytes, Action<string, int, bool> scan, CancellationToken ct,
        int window = Window, int overlap = Overlap)
    {
        var probe = new byte[ProbeBytes];
        var probed = 0;
        int n;
        while (probed < probe.Length && (n = await stream.ReadAsync(probe.AsMemory(probed), ct).ConfigureAwait(false)) > 0)
        {
            probed += n;
        }
        var encoding = Sniff(probe.AsSpan(0, probed), out var bom);
        if (encoding is null)
        {
            return new Outcome(probed, SkipReason.Binary, $"NUL bytes in the first {ProbeBytes:N0} and not UTF-16 text");
        }
        var decoder = encoding.GetDecoder();
        var pending = new StringBuilder();
        var chars = new char[encoding.GetMaxCharCount(81920)];
        var lineBase = 0;
        var first = true;
        long total = probed;
        Decode(probe.AsSpan(bom, probed - bom), flush: false);
        var buffer = new byte[81920];
        while ((n = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            total += n;
            if (total > maxBytes)
            {
                return new Outcome(total, SkipReason.TooLarge, $"more than {maxBytes:N0} bytes");
            }
            Decode(buffer.AsSpan(0, n), flush: false);
        }
        Decode([], flush: true);
        scan(pending.ToString(), lineBase, first);
        return new Outcome(total, null, null);

        void Decode(ReadOnlySpan<byte> bytes, bool flush)
        {
            var count = decoder.GetChars(bytes, chars, flush);
            pending.Append(chars, 0, count);
            while (pending.Length >= window)
            {
                var text = pending.ToString(0, window);
                scan(text, lineBase, first);
                first = false;
                // The next window starts on the last line that begins before the overlap (so it keeps at least the
                // overlap), or at the overlap when no line begins near it.
                var cut = text.LastIndexOf('\n', window - overlap - 1, Math.Min(window - overlap, overlap));
                cut = cut < 0 ? window - overlap : cut + 1;
                for (var i = 0; i < cut; i++)
                {
                    if (text[i] == '\n')
                    {
                        lineBase++;
                    }
                }
                pending.Remove(0, cut);
            }
        }
    }

    /// <summary>The file's encoding and the length of its byte-order mark; null for binary content.</summary>
    public static Encoding? Sniff(ReadOnlySpan<byte> probe, out int bom)
    {
        bom = 0;
        if (probe.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bom = 3;
            return Utf8;
        }
        if (probe.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || probe.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            bom = 4;
            return new UTF32Encoding(bigEndian: probe[0] == 0, byteOrderMark: false, throwOnInvalidCharacters: false);
        }
        if (probe.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || probe.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            bom = 2;
            return new UnicodeEncoding(bigEndian: probe[0] == 0xFE, byteOrderMark: false, throwOnInvalidBytes: false);
        }
        if (!probe.Contains((byte)0))
        {
            return Utf8;
        }
        // Mostly-ASCII UTF-16 without a mark: one byte of each pair is NUL, the other almost never.
        int evenZero = 0, oddZero = 0;
        for (var i = 0; i + 1 < probe.Length; i += 2)
        {
            evenZero += probe[i] == 0 ? 1 : 0;
            oddZero += probe[i + 1] == 0 ? 1 : 0;
        }
        var pairs = Math.Max(1, probe.Length / 2);
        if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05)
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);
        }
        if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05)
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);
        }
        return null;
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
}
