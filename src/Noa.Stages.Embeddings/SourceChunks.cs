using System.Runtime.CompilerServices;
using System.Text;
using Noa.Abstractions;
using Noa.Abstractions.Profiles;
using Noa.Embeddings.Chunking;
using Noa.Embeddings.Models;

namespace Noa.Stages.Embeddings;

/// <summary>A chunk, the kind of content it is (which picks its model) and its file's scope (files.json; empty when unknown),
/// which search filters and ranks by.</summary>
internal sealed record KindedChunk(Chunk Chunk, ContentKind Kind, string Scope = "");

/// <summary>A file that was not chunked, and why.</summary>
internal sealed record SkippedFile(string Path, string Reason);

/// <summary>
/// Chooses what to embed and hands it out one file at a time, so a large source's chunks are never all held at once: code
/// along the Graph stage's definitions (kg.json); source files with no definition (scripts, Dockerfiles, Makefiles) by
/// windows of lines; docs by headings and config by top-level key. Lockfiles, binaries and files over the size limit are
/// left out. Product code and docs come first, then examples, then tests, fixtures and the rest, so a time or chunk budget
/// leaves what search needs most embedded.
/// </summary>
internal sealed class SourceChunks
{
    private static readonly HashSet<string> Lockfiles = new(StringComparer.OrdinalIgnoreCase)
    {
        "package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "packages.lock.json", "yarn.lock", "composer.lock",
        "Cargo.lock", "poetry.lock", "Pipfile.lock", "Gemfile.lock", "uv.lock", "go.sum",
    };

    /// <summary>Config files (JSON, YAML, TOML, INI) past this size are data (fixtures, dumps, generated manifests), not configuration.</summary>
    public const int MaxConfigBytes = 64 * 1024;

    private static readonly HashSet<string> ConfigExtensions = new(StringComparer.OrdinalIgnoreCase) { ".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf" };

    /// <summary>Files read between two progress reports (a large source takes minutes to read and chunk).</summary>
    public const int ProgressEvery = 500;

    private readonly ISourceTree source;
    private readonly int maxFileBytes;
    private readonly IReadOnlyDictionary<string, FileEntry>? categories;
    private readonly GraphDefinitions? definitions;
    private readonly List<(SourceFile File, ContentKind Kind, string? Language)> order;

    private SourceChunks(ISourceTree source, int maxFileBytes, IReadOnlyDictionary<string, FileEntry>? categories, GraphDefinitions? definitions)
    {
        this.source = source;
        this.maxFileBytes = maxFileBytes;
        this.categories = categories;
        this.definitions = definitions;
        order = Order();
    }

    /// <summary>Files to read, in the order they are read.</summary>
    public int FileCount => order.Count;

    /// <summary>Files read so far (a file left out counts as read).</summary>
    public int FilesRead { get; private set; }

    public int CodeFiles { get; private set; }

    public int DocumentFiles { get; private set; }

    public List<SkippedFile> Skipped { get; } = [];

    /// <summary>Reads files.json and kg.json's definitions; the files themselves are read by <see cref="ReadAsync"/>.</summary>
    public static async Task<SourceChunks> OpenAsync(ISourceTree source, IRunArtifacts artifacts, int maxFileBytes, CancellationToken cancellationToken)
    {
        var categories = await FileCategories.ReadAsync(artifacts, cancellationToken).ConfigureAwait(false);
        GraphDefinitions? definitions = null;
        var kg = await artifacts.OpenReadAsync("kg.json", cancellationToken).ConfigureAwait(false);
        if (kg is not null)
            await using (kg.ConfigureAwait(false))
                definitions = await GraphDefinitions.ReadAsync(kg, cancellationToken).ConfigureAwait(false);
        return new SourceChunks(source, maxFileBytes, categories, definitions);
    }

    /// <summary>Every chunk, file by file in <see cref="Order"/>; <paramref name="onFileRead"/> is called after each file.</summary>
    public async IAsyncEnumerable<KindedChunk> ReadAsync(Action? onFileRead, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (file, kind, language) in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunks = await ChunkAsync(file, kind, language, cancellationToken).ConfigureAwait(false);
            FilesRead++;
            onFileRead?.Invoke();
            var scope = ScopeOf(file.Path);
            foreach (var chunk in chunks)
                yield return new KindedChunk(chunk, kind, scope);
        }
    }

    private async Task<IReadOnlyList<Chunk>> ChunkAsync(SourceFile file, ContentKind kind, string? language, CancellationToken cancellationToken)
    {
        var fromGraph = kind == ContentKind.Code && language is null;
        if (fromGraph)
            CodeFiles++; // a file the graph names counts as code even when it cannot be read, as before
        if (kind == ContentKind.Docs && file.Size > MaxConfigBytes && ConfigExtensions.Contains(Path.GetExtension(file.Path)))
        {
            Skipped.Add(new SkippedFile(file.Path, $"config larger than {MaxConfigBytes:N0} bytes ({file.Size:N0}): data, not configuration"));
            return [];
        }
        if (file.Size > maxFileBytes)
        {
            Skipped.Add(new SkippedFile(file.Path, $"larger than {maxFileBytes:N0} bytes ({file.Size:N0})"));
            return [];
        }
        if (await ReadTextAsync(source, file, cancellationToken).ConfigureAwait(false) is not { } text)
        {
            Skipped.Add(new SkippedFile(file.Path, "binary (holds NUL bytes)"));
            return [];
        }
        if (fromGraph)
            return definitions!.Chunk(file.Path, text);
        if (kind == ContentKind.Code)
        {
            CodeFiles++;
            return Chunker.FromText(file.Path, text, Id(language!));
        }
        DocumentFiles++;
        return Chunker.FromDocument(file.Path, text);
    }

    /// <summary>
    /// What is read, and in which order: files with definitions in kg.json (code, chunked along them; language null), other
    /// classified source files (code by windows of lines) and docs and config; by rank of scope, then by path.
    /// </summary>
    private List<(SourceFile, ContentKind, string?)> Order()
    {
        var picked = new List<(SourceFile File, ContentKind Kind, string? Language)>();
        foreach (var file in source.Files)
        {
            if (definitions?.Has(file.Path) == true)
            {
                picked.Add((file, ContentKind.Code, null));
                continue;
            }
            var (category, language) = categories?.GetValueOrDefault(file.Path) is { } entry ? (entry.Category, entry.Language) : Guess(file.Path);
            if (Lockfiles.Contains(Path.GetFileName(file.Path)))
                continue;
            if (category is "documentation" || (category is "other" && Chunker.IsDocument(file.Path)))
                picked.Add((file, ContentKind.Docs, null));
            else if (category is "classified" && language is not null)
                picked.Add((file, ContentKind.Code, language));
        }
        return [.. picked.OrderBy(p => Rank(ScopeOf(p.File.Path))).ThenBy(p => p.File.Path, StringComparer.Ordinal)];
    }

    private string ScopeOf(string path) => categories?.GetValueOrDefault(path)?.Scope ?? "";

    /// <summary>Product code and docs (and files of no known scope) first, then examples, then the rest.</summary>
    internal static int Rank(string scope) => scope switch
    {
        FileScopes.Product or FileScopes.Documentation or "" => 0,
        FileScopes.Example => 1,
        _ => 2,
    };

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
