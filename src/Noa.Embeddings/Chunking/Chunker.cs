namespace Noa.Embeddings.Chunking;

/// <summary>Entry points of chunking: code along the Graph stage's definitions, docs by headings, config by key.</summary>
public static class Chunker
{
    private static readonly Dictionary<string, string> DocLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        [".md"] = "markdown", [".markdown"] = "markdown", [".mdx"] = "markdown",
        [".rst"] = "rst", [".txt"] = "text", [""] = "text",
        [".yaml"] = "yaml", [".yml"] = "yaml", [".json"] = "json", [".toml"] = "toml",
        [".ini"] = "ini", [".cfg"] = "ini", [".conf"] = "ini",
    };

    /// <summary>Whether <see cref="FromDocument"/> knows the file: docs (Markdown, reST, text, README) and config.</summary>
    public static bool IsDocument(string path) => DocLanguages.ContainsKey(Path.GetExtension(path));

    /// <summary>
    /// One chunk per function, method, constructor, class, interface, struct, record, enum and trait that kg.json
    /// lists, plus a file chunk for the lines outside them; oversized chunks are split into overlapping windows.
    /// </summary>
    /// <param name="kgJson">kg.json as the Graph stage wrote it.</param>
    /// <param name="readFile">Text of a file by its path relative to the source root; null when it cannot be read.</param>
    /// <param name="options">Budget and tokenizer; defaults to 256 MiniLM tokens.</param>
    /// <param name="cancellationToken">Cancels reading and chunking.</param>
    public static Task<ChunkResult> FromGraphAsync(Stream kgJson, Func<string, string?> readFile,
        ChunkOptions? options = null, CancellationToken cancellationToken = default) =>
        FromGraphAsync(kgJson, (path, _) => ValueTask.FromResult(readFile(path)), options, cancellationToken);

    /// <summary>As <see cref="FromGraphAsync(Stream, Func{string, string?}, ChunkOptions?, CancellationToken)"/>, reading files asynchronously.</summary>
    public static async Task<ChunkResult> FromGraphAsync(Stream kgJson, Func<string, CancellationToken, ValueTask<string?>> readFile,
        ChunkOptions? options = null, CancellationToken cancellationToken = default)
    {
        var definitions = await GraphDefinitions.ReadAsync(kgJson, cancellationToken).ConfigureAwait(false);
        var chunks = new List<Chunk>();
        var unreadable = new List<string>();
        foreach (var file in definitions.Files.Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await readFile(file, cancellationToken).ConfigureAwait(false) is not { } text)
            {
                unreadable.Add(file);
                continue;
            }
            chunks.AddRange(definitions.Chunk(file, text, options));
        }
        return new ChunkResult(chunks, unreadable);
    }

    /// <summary>Chunks a doc (Markdown and reST by headings, text by windows) or a config file (whole or by top-level key).</summary>
    /// <param name="path">Path relative to the source root; its extension picks the format (unknown ones are read as text).</param>
    /// <param name="text">The file's text.</param>
    /// <param name="options">Budget and tokenizer.</param>
    public static IReadOnlyList<Chunk> FromDocument(string path, string text, ChunkOptions? options = null)
    {
        options ??= new ChunkOptions();
        var builder = new ChunkBuilder(options);
        var lines = Lines(text);
        var docs = new DocChunker(builder);
        var language = DocLanguages.GetValueOrDefault(Path.GetExtension(path), "text");
        return language switch
        {
            "markdown" => [.. docs.Markdown(path, lines)],
            "rst" => [.. docs.Rst(path, lines)],
            "text" => [.. docs.Text(path, lines)],
            _ => [.. new ConfigChunker(builder, options).Chunk(path, language, lines)],
        };
    }

    /// <summary>
    /// Chunks a file with no structure chunking knows (a shell script, a Dockerfile, source the graph found no
    /// definition in) into whole-file chunks or windows of lines, kind <c>file</c>, under the given language.
    /// </summary>
    public static IReadOnlyList<Chunk> FromText(string path, string text, string language, ChunkOptions? options = null) =>
        [.. new DocChunker(new ChunkBuilder(options ?? new ChunkOptions())).Text(path, Lines(text), language)];

    private static string[] Lines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        return lines.Length > 1 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }
}
