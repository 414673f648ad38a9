namespace Noa.Stages.Intake;

/// <summary>
/// Receives archive entries and stores each file's content in the workspace under a numbered name, never under
/// the entry's own name: no entry can write outside the workspace, whatever it is called or links to. Enforces the
/// bomb limits while copying, on bytes actually produced and bytes actually read from the archive file.
/// Links are resolved at the end, inside the archive's own namespace.
/// </summary>
internal sealed class ArchiveSink(string folder, IntakeOptions options, CountingStream compressed)
{
    private const int MaxLinkHops = 40;
    private readonly Dictionary<string, CollectedFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Target, bool Hard)> _links = new(StringComparer.Ordinal);
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private readonly byte[] _buffer = new byte[81920];
    private int _next;

    public int Entries { get; private set; }

    public long TotalBytes { get; private set; }

    public string? CountEntry(string name)
    {
        Entries++;
        return Entries > options.MaxEntries
            ? $"the archive has more than {options.MaxEntries} entries (limit MaxEntries) at '{name}'"
            : null;
    }

    public void AddFolder(string path)
    {
        if (path.Length > 0)
        {
            _folders.Add(path);
        }
    }

    public void AddLink(string path, string target, bool hard) => _links[path] = (target, hard);

    public async Task<string?> AddFileAsync(string path, Stream content, bool executable, CancellationToken cancellationToken)
    {
        var local = Path.Combine(folder, (_next++).ToString("D7", System.Globalization.CultureInfo.InvariantCulture));
        await using (var output = new FileStream(local, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            long size = 0;
            int read;
            while ((read = await content.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                size += read;
                TotalBytes += read;
                if (size > options.MaxFileBytes)
                {
                    return $"archive entry '{path}' is larger than {options.MaxFileBytes} bytes (limit MaxFileBytes)";
                }
                if (TotalBytes > options.MaxTotalBytes)
                {
                    return $"the archive expands to more than {options.MaxTotalBytes} bytes (limit MaxTotalBytes) at '{path}'";
                }
                if (TotalBytes > options.CompressionRatioGraceBytes &&
                    TotalBytes > options.MaxCompressionRatio * Math.Max(1, compressed.BytesRead))
                {
                    return $"the archive expands more than {options.MaxCompressionRatio}:1 ({TotalBytes} bytes from {compressed.BytesRead} read) at '{path}' (limit MaxCompressionRatio; a decompression bomb?)";
                }
                await output.WriteAsync(_buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        _files[path] = new CollectedFile(path, local, executable);
        return null;
    }

    /// <summary>Turns the entries into snapshot files: links inside the archive become copies of their target
    /// file, links to folders and dangling links are skipped with a warning, links leaving the archive are refused.</summary>
    public string? Complete(IntakeResult result)
    {
        foreach (var (path, (target, hard)) in _links.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var kind = hard ? "hard link" : "symbolic link";
            var current = path;
            var (currentTarget, currentHard) = (target, hard);
            CollectedFile? file = null;
            var skipped = false;
            for (var hop = 0; hop < MaxLinkHops && file is null && !skipped; hop++)
            {
                var resolved = ArchivePath.ResolveTarget(current, currentTarget, currentHard);
                if (resolved is null)
                {
                    return $"archive entry '{path}' is a {kind} to '{target}', outside the archive";
                }
                if (_files.TryGetValue(resolved, out var found))
                {
                    file = found;
                }
                else if (_links.TryGetValue(resolved, out var next))
                {
                    (current, currentTarget, currentHard) = (resolved, next.Target, next.Hard);
                }
                else
                {
                    result.Warnings.Add(_folders.Contains(resolved) || _folders.Any(f => f.StartsWith(resolved + "/", StringComparison.Ordinal))
                        ? $"skipped {kind} '{path}' to the folder '{target}'"
                        : $"skipped dangling {kind} '{path}' to '{target}'");
                    skipped = true;
                }
            }
            if (file is null && !skipped)
            {
                result.Warnings.Add($"skipped {kind} '{path}': a link loop");
            }
            if (file is not null && !_files.ContainsKey(path))
            {
                _files[path] = file with { Path = path };
            }
        }
        result.Files.AddRange(_files.Values);
        return null;
    }
}
