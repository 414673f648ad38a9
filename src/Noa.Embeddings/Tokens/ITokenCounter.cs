namespace Noa.Embeddings.Tokens;

/// <summary>Counts tokens the way the embedding model's own tokenizer does.</summary>
public interface ITokenCounter
{
    /// <summary>Tokens of the text's words, without the model's special tokens; whitespace is collapsed first.</summary>
    int CountWords(string text);

    /// <summary>Special tokens the model adds around every input ([CLS], [SEP]).</summary>
    int SpecialTokens { get; }
}
