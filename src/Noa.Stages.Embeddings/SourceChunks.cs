using System.Text;
using Noa.Abstractions;
using Noa.Embeddings.Chunking;
using Noa.Embeddings.Models;

namespace Noa.Stages.Embeddings;

/// <summary>A chunk, the kind of content it is (which picks its model) and its file's scope (files.json; empty when unknown),
/// which search filters and ranks by.</summary>
internal sealed record KindedChunk(Chunk Chunk, ContentKind Kind, string Scope = "");

/// <summary>A file that was not chunked, and why.</summary>
internal sealed record SkippedFile(string Path, string Reason);

/// <summary>Every chunk of a source, and the files left out.</summary>
internal sealed record SourceChunkSet(IReadOnlyList<KindedChunk> Chunks, IReadOnlyList<SkippedFile> Skipped, int CodeFiles, int DocumentFiles);

/// <summary>
/// Chooses what to embed: code along the Graph stage's definitions (kg.json); source files with no definition
/// (scripts, Dockerfiles, Makefiles) by windows of lines; docs by headings and config by top-level key. Vendored and
/// generated files (the Classifier's files.json), lockfiles, binaries and files over the size limit are left out.
/// </summary>
internal static class SourceChunks
{
    private static readonly HashSet<string> Lockfiles = new(StringComparer.OrdinalIgnoreCase)
    {
        "package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "packages.lock.json", "yarn.lock", "composer.lock",
        "Cargo.lock", "poetry.lock", "Pipfile.lock", "Gemfile.lock", "uv.lock", "go.sum",
    };

    /// <summary>Config files (JSON, YAML, TOML, INI) past this size are data (fixtures, dumps, generated manifests), not configuration.</summary>
    public const int MaxConfigBytes = 64 * 1024;

    private static readonly HashSet<string> ConfigExtensions = new(StringComparer.OrdinalIgnoreCase) { ".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf" };

    /// <summary>Files read between two progress reports while chunking (a large source takes minutes before the first embedding).</summary>
    private const int ProgressEvery = 500;

    public static async Task<SourceChunkSet> CollectAsync(ISourceTree source, IRunArtifacts artifacts, int maxFileBytes,
        IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var categories = await FileCategories.ReadAsync(artifacts, cancellationToken).ConfigureAwait(false);
        string ScopeOf(string path) => categories?.GetValueOrDefault(path)?.Scope ?? "";
        var files = source.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var skipped = new List<SkippedFile>();
        var chunks = new List<KindedChunk>();

        var read = 0;
        async ValueTask<string?> ReadAsync(string path, CancellationToken token)
        {
            if (!files.TryGetValue(path, out var file))
                return null;
            if (++read % ProgressEvery == 0)
                progress?.Report(new StageProgress(read, files.Count, "files", $"chunking: {read:N0} of {files.Count:N0} files read"));
            if (file.Size > maxFileBytes)
            {
                skipped.Add(new SkippedFile(path, $"larger than {maxFileBytes:N0} bytes ({file.Size:N0})"));
                return null;
            }
            return await ReadTextAsync(source, file, token).ConfigureAwait(false) ?? Skip(path, "binary (holds NUL bytes)");
        }

        string? Skip(string path, string reason)
        {
            skipped.Add(new SkippedFile(path, reason));
            return null;
        }

        // Code along definitions, when the Graph stage ran.
        var chunkedPaths = new HashSet<string>(StringComparer.Ordinal);
        var kg = await artifacts.OpenReadAsync("kg.json", cancellationToken).ConfigureAwait(false);
        if (kg is not null)
        {
            await using (kg.ConfigureAwait(false))
            {
                var result = await Chunker.FromGraphAsync(kg, ReadAsync, cancellationToken: cancellationToken).ConfigureAwait(false);
                chunks.AddRange(result.Chunks.Select(c => new KindedChunk(c, ContentKind.Code, ScopeOf(c.Path))));
                chunkedPaths.UnionWith(result.Chunks.Select(c => c.Path));
                chunkedPaths.UnionWith(result.Unreadable);
            }
        }

        var codeFiles = chunkedPaths.Count;
        var documentFiles = 0;
        foreach (var file in source.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (chunkedPaths.Contains(file.Path))
                continue;
            var (category, language) = categories?.GetValueOrDefault(file.Path) is { } entry ? (entry.Category, entry.Language) : Guess(file.Path);
            ContentKind kind;
            if (category is "documentation" || (category is "other" && Chunker.IsDocument(file.Path)))
                kind = ContentKind.Docs;
            else if (category is "classified" && language is not null)
                kind = ContentKind.Code;
            else
                continue;
            if (Lockfiles.Contains(Path.GetFileName(file.Path)))
                continue;
            if (kind == ContentKind.Docs && file.Size > MaxConfigBytes && ConfigExtensions.Contains(Path.GetExtension(file.Path)))
            {
                skipped.Add(new SkippedFile(file.Path, $"config larger than {MaxConfigBytes:N0} bytes ({file.Size:N0}): data, not configuration"));
                continue;
            }
            if (await ReadAsync(file.Path, cancellationToken).ConfigureAwait(false) is not { } text)
                continue;
            var fileChunks = kind == ContentKind.Code ? Chunker.FromText(file.Path, text, Id(language!)) : Chunker.FromDocument(file.Path, text);
            var scope = ScopeOf(file.Path);
            chunks.AddRange(fileChunks.Select(c => new KindedChunk(c, kind, scope)));
            if (kind == ContentKind.Code)
                codeFiles++;
            else
                documentFiles++;
        }
        return new SourceChunkSet(chunks, skipped, codeFiles, documentFiles);
    }

    /// <summary>The language id the stores keep, as the Graph stage names them: the Classifier's name in lower case,
    /// <c>#</c> and <c>+</c> spelled out, spaces as dashes (<c>shell</c>, <c>csharp</c>, <c>cpp</c>).</summary>
    internal static string Id(string language) =>
        language.ToLowerInvariant().Replace("#", "sharp", StringComparison.Ordinal).Replace("++", "pp", StringComparison.Ordinal).Replace(' ', '-');

    // Without files.json (the classifier ran without it) docs and config are known by extension, code by the graph.
    private static (string, string?) Guess(string path) => Chunker.IsDocument(path) ? ("documentation", null) : ("other", null);

    private static async Task<string?> ReadTextAsync(ISourceTree source, SourceFile file, CancellationToken cancellationToken)
    {
        var stream = await source.OpenReadAsync(file, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream((int)Math.Min(file.Size, int.MaxValue));
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (bytes[..Math.Min(bytes.Length, 8192)].Contains((byte)0))
                return null;
            return new UTF8Encoding(false).GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes);
        }
    }
}
