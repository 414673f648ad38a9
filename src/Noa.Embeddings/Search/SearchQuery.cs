using Noa.Abstractions;

namespace Noa.Embeddings.Search;

/// <summary>A search over digested sources.</summary>
/// <param name="Text">What to look for: a description of what the code does, or words in it.</param>
/// <param name="K">How many results (1–100).</param>
/// <param name="Mode">Hybrid, vector or text.</param>
/// <param name="Filter">Source, run, language, path prefix, kind.</param>
public sealed record SearchQuery(string Text, int K = 10, SearchMode Mode = SearchMode.Hybrid, VectorFilter? Filter = null)
{
    /// <summary>The largest <see cref="K"/>.</summary>
    public const int MaxK = 100;

    /// <summary>Every problem with the query, in words (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Text))
            errors.Add("the query text is empty");
        else if (Text.Length > 2000)
            errors.Add($"the query text is {Text.Length} characters; at most 2000");
        if (K is < 1 or > MaxK)
            errors.Add($"k must be 1–{MaxK} (was {K})");
        return errors;
    }
}
