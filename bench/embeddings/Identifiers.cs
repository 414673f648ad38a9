using System.Text.RegularExpressions;

namespace Noa.Bench.Embeddings;

/// <summary>
/// The words inside camelCase and PascalCase identifiers, appended to a chunk's keyword text: FTS5's unicode61
/// tokenizer already splits snake_case at the underscore, but keeps <c>readAllBytes</c> one token, which no query
/// word matches.
/// </summary>
internal static partial class Identifiers
{
    public static string WithParts(string text)
    {
        var parts = Identifier().Matches(text).Select(m => m.Value).Where(w => Boundary().IsMatch(w)).Distinct()
            .SelectMany(w => Boundary().Split(w)).Select(p => p.ToLowerInvariant());
        return text + "\n" + string.Join(' ', parts);
    }

    /// <summary>
    /// The chunk with the words of its header's identifiers (symbol, signature) added to the header line, split at
    /// camelCase and underscores (the identifier pattern stops at an underscore): MiniLM's uncased WordPiece reads <c>parseRequestLine</c> as pieces of
    /// <c>parserequestline</c>, not as the three words a query would use.
    /// </summary>
    public static string InHeader(string chunk)
    {
        var newline = chunk.IndexOf('\n');
        var header = newline < 0 ? chunk : chunk[..newline];
        var words = Identifier().Matches(header).Select(m => m.Value).Distinct()
            .SelectMany(w => Boundary().Split(w))
            .Select(w => w.ToLowerInvariant()).Distinct();
        return header + " | " + string.Join(' ', words) + (newline < 0 ? "" : chunk[newline..]);
    }

    [GeneratedRegex("[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex Identifier();

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex Boundary();
}
