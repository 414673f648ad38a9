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
    private readonly HashSet<string> _undecodable = new(StringComparer.Ordinal);
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

    /// <summary>Null when the entry's normalised path may be kept (<see cref="SourcePath"/>); else why not. A name that was not
    /// valid UTF-8 is kept as the archive reader decoded it (U+FFFD for the bytes that are not), with a note, unless two such
    /// names become one: then no entry may silently replace the other.</summary>
    public string? Admit(string path)
    {
        if (SourcePath.CheckShape(path, options) is { } refused)
        {
            return $"archive entry {refused}";
        }
        if (path.Contains('\uFFFD', StringComparison.Ordinal))
        {
            if (!_undecodable.Add(path))
            {
                return $"archive entries '{Printable.Escape(path)}' have names that are not valid UTF-8 and read as the same name";
            }
        }
        return null;
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
    /// file, links to folders and dangling links are skipped with a warning, links leaving the archive are refused,
    /// and so is a path that is both a file and a folder (the snapshot could not be laid out on disk).</summary>
    public string? Complete(IntakeResult result)
    {
        var parents = Parents(_files.Keys);
        parents.UnionWith(_folders);
        foreach (var (path, (target, hard)) in _links.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var resolved = Follow(path, target, hard, parents, result.Warnings);
            if (resolved.Failed)
            {
                return resolved.Error;
            }
            if (resolved.Value is { } file && !_files.ContainsKey(path))
            {
                _files[path] = file with { Path = path };
            }
        }
        var folders = Parents(_files.Keys);
        if (_files.Keys.FirstOrDefault(folders.Contains) is { } clash)
        {
            return $"archive entry '{clash}' is both a file and a folder";
        }
        result.Files.AddRange(_files.Values);
        if (_undecodable.Count > 0)
        {
            result.Warnings.Add($"{_undecodable.Count} archive entry names are not valid UTF-8 and were kept with \\uFFFD in place of their bytes: "
                + string.Join(", ", _undecodable.Order(StringComparer.Ordinal).Take(20).Select(p => $"'{Printable.Escape(p)}'")) + (_undecodable.Count > 20 ? ", …" : ""));
        }
        return null;
    }

    private Checked<CollectedFile?> Follow(string path, string target, bool hard, HashSet<string> folders, List<string> warnings)
    {
        var kind = hard ? "hard link" : "symbolic link";
        var (current, currentTarget, currentHard) = (path, target, hard);
        for (var hop = 0; hop < MaxLinkHops; hop++)
        {
            var resolved = ArchivePath.ResolveTarget(current, currentTarget, currentHard);
            if (resolved is null)
            {
                return Checked<CollectedFile?>.Refuse($"archive entry '{path}' is a {kind} to '{target}', outside the archive");
            }
            if (_files.TryGetValue(resolved, out var found))
            {
                return found;
            }
            if (!_links.TryGetValue(resolved, out var next))
            {
                warnings.Add(folders.Contains(resolved)
                    ? $"skipped {kind} '{path}' to the folder '{target}'"
                    : $"skipped dangling {kind} '{path}' to '{target}'");
                return Checked<CollectedFile?>.Ok(null);
            }
            (current, currentTarget, currentHard) = (resolved, next.Target, next.Hard);
        }
        warnings.Add($"skipped {kind} '{path}': a link loop");
        return Checked<CollectedFile?>.Ok(null);
    }

    private static HashSet<string> Parents(IEnumerable<string> paths)
    {
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            // Walk up until a folder already known: its own parents were added with it.
            var slash = path.LastIndexOf('/');
            while (slash > 0 && parents.Add(path[..slash]))
            {
                slash = path.LastIndexOf('/', slash - 1);
            }
        }
        return parents;
    }
}
