using System.Text.RegularExpressions;
using Noa.Abstractions;

namespace Noa.Vectors.Postgres;

/// <summary>
/// Both sides of Postgres full-text search reduced to letter-and-digit runs, so the text and the query split alike
/// (the default parser would otherwise keep <c>a.b</c> as a host name or <c>x/y.py</c> as a file on one side only).
/// </summary>
internal static partial class TextSearch
{
    /// <summary>The letter-and-digit runs of <see cref="KeywordQuery.IndexText"/> joined by spaces, for <c>to_tsvector('simple', …)</c>.</summary>
    public static string Words(string text) => string.Join(' ', Token().Matches(KeywordQuery.IndexText(text)).Select(t => t.Value));

    /// <summary>
    /// A <c>to_tsquery</c> expression of <see cref="KeywordQuery.Phrases"/>, any phrase matching —
    /// <c>parse_config(x)</c> becomes <c>(parse &lt;-&gt; config) | (x)</c>. Only letters and digits reach the parser.
    /// </summary>
    public static string Query(string query) =>
        string.Join(" | ", KeywordQuery.Phrases(query).Select(tokens => "(" + string.Join(" <-> ", tokens) + ")"));

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Token();
}
