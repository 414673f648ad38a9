namespace Noa.Embeddings.Search;

/// <summary>One ranked chunk.</summary>
/// <param name="Rank">1-based position.</param>
/// <param name="Score">Higher is better; its scale depends on the mode (cosine, keyword rank, or fused rank).</param>
/// <param name="Path">File in the source.</param>
/// <param name="Symbol">The definition or heading the chunk holds.</param>
/// <param name="Kind">function, method, class, section, key, file …</param>
/// <param name="Language">Language id.</param>
/// <param name="StartLine">First line, 1-based.</param>
/// <param name="EndLine">Last line, inclusive.</param>
/// <param name="Snippet">The chunk's first lines, its header line left out.</param>
/// <param name="Source">The digested source.</param>
/// <param name="Run">The run that embedded the chunk.</param>
/// <param name="Model">The model whose collection held it.</param>
/// <param name="Id">The chunk's id in the store.</param>
/// <param name="Scope">What the file is to the software (product, test, documentation, example …); empty when not known.</param>
/// <param name="Bundle">The published bundle of <paramref name="Run"/> (<c>repository:tag</c>, for <c>noa pull</c>); null when the run was not published.</param>
/// <param name="BundleDigest">That bundle's manifest digest; null when the run was not published.</param>
public sealed record SearchResult(int Rank, double Score, string Path, string Symbol, string Kind, string Language,
    int StartLine, int EndLine, string Snippet, string Source, string Run, string Model, string Id, string Scope = "",
    string? Bundle = null, string? BundleDigest = null);
