using System.Collections.Concurrent;
using Noa.Safety.Rules.Engine;

namespace Noa.Safety.Rules;

/// <summary>Runs a <see cref="RulePack"/> over files in parallel.</summary>
public static class RuleEngine
{
    /// <summary>Scans <paramref name="files"/> with every rule of their grammar. A file that cannot be read, is too
    /// large, looks binary or does not parse in time is listed in <see cref="ScanResult.Skipped"/> with its reason.</summary>
    public static async Task<ScanResult> ScanAsync(RulePack pack, IReadOnlyList<SourceFile> files, ScanOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(files);
        options ??= new ScanOptions();
        var findings = new List<Finding>?[files.Count];
        var skipped = new ConcurrentBag<SkippedFile>();
        var scanners = new ConcurrentBag<FileScanner>();
        var scanned = 0;
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount,
        };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), parallel, async (i, token) =>
            {
                var file = files[i];
                if (pack.For(file.Language) is not { } rules)
                {
                    skipped.Add(new SkippedFile(file.Path, $"no rules for language '{file.Language}'", SkipKind.NoRules));
                    return;
                }
                var (source, skip) = await ReadAsync(file, options.MaxFileBytes, token).ConfigureAwait(false);
                if (source is null)
                {
                    skipped.Add(skip!);
                    return;
                }
                string? reason;
                if (!scanners.TryTake(out var scanner))
                {
                    scanner = new FileScanner();
                }
                try
                {
                    (findings[i], reason) = scanner.Scan(file.Path, source, rules, options);
                }
                finally
                {
                    scanners.Add(scanner);
                }
                if (reason is not null)
                {
                    skipped.Add(new SkippedFile(file.Path, reason, SkipKind.Timeout));
                    return;
                }
                Interlocked.Increment(ref scanned);
            }).ConfigureAwait(false);
        }
        finally
        {
            foreach (var scanner in scanners)
            {
                scanner.Dispose();
            }
        }
        var ordered = findings.Where(f => f is not null).SelectMany(f => f!)
            .OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Range.StartLine).ThenBy(f => f.Range.StartColumn)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
        return new ScanResult(ordered, skipped.OrderBy(s => s.Path, StringComparer.Ordinal).ToList(), scanned);
    }

    private static async Task<(byte[]? Source, SkippedFile? Skip)> ReadAsync(SourceFile file, long maxBytes, CancellationToken token)
    {
        try
        {
            var stream = await file.Open(token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                if (stream.CanSeek && stream.Length > maxBytes)
                {
                    return (null, new(file.Path, $"larger than {maxBytes:N0} bytes ({stream.Length:N0})", SkipKind.TooLarge));
                }
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, token).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        return (null, new(file.Path, $"larger than {maxBytes:N0} bytes", SkipKind.TooLarge));
                    }
                    buffer.Write(chunk, 0, read);
                }
                var bytes = buffer.ToArray();
                return bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0)
                    ? (null, new(file.Path, "binary (a NUL byte in its first 8,000 bytes)", SkipKind.Binary))
                    : (bytes, null);
            }
        }
        catch (IOException e)
        {
            return (null, new(file.Path, $"unreadable: {e.Message}", SkipKind.Unreadable));
        }
        catch (UnauthorizedAccessException e)
        {
            return (null, new(file.Path, $"unreadable: {e.Message}", SkipKind.Unreadable));
        }
    }
}
