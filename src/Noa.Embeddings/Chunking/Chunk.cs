namespace Noa.Embeddings.Chunking;

/// <summary>A piece of a source, sized for the embedding model.</summary>
/// <param name="Id">sha256 of (path, line range, text): stable across runs for the same content at the same place.</param>
/// <param name="ContentHash">sha256 of the text alone: the key of its vector, whatever the place.</param>
/// <param name="Path">File relative to the source root.</param>
/// <param name="Symbol">Qualified name of the definition or heading path; the file name for file-level chunks.</param>
/// <param name="Kind">A definition kind (function, method, class …), file, section or key.</param>
/// <param name="Language">Language id (python, markdown, yaml …).</param>
/// <param name="StartLine">First line, 1-based.</param>
/// <param name="EndLine">Last line, inclusive.</param>
/// <param name="Text">Header line (path, symbol, signature) and the source lines.</param>
/// <param name="TokenCount">Tokens the model sees for the text, [CLS] and [SEP] included.</param>
/// <param name="Part">1-based index when a definition was split into windows; 0 when whole.</param>
public sealed record Chunk(
    string Id, string ContentHash, string Path, string Symbol, string Kind, string Language,
    int StartLine, int EndLine, string Text, int TokenCount, int Part = 0);
