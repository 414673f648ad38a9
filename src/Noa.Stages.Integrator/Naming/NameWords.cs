using System.Globalization;
using System.Text;

namespace Noa.Stages.Integrator.Naming;

/// <summary>
/// Splits any name from a spec (<c>get-user_byID</c>, <c>/repos/{owner}</c>, <c>HTTPServer2</c>, non-ASCII) into ASCII
/// words and joins them in a language's case. What is left may still be a keyword or empty: <see cref="Identifiers"/>
/// makes it legal.
/// </summary>
internal static class NameWords
{
    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0)
                words.Add(current.ToString().ToLowerInvariant());
            current.Clear();
        }
        var normalized = text.Normalize(NormalizationForm.FormD);
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (!char.IsAsciiLetterOrDigit(c))
            {
                Flush();
                continue;
            }
            if (current.Length > 0)
            {
                var previous = current[^1];
                var next = i + 1 < normalized.Length ? normalized[i + 1] : '\0';
                var boundary = (char.IsAsciiLetterLower(previous) && char.IsAsciiLetterUpper(c))
                    || (char.IsAsciiLetterUpper(previous) && char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(next))
                    || (char.IsAsciiDigit(previous) && char.IsAsciiLetter(c) && char.IsAsciiLetterUpper(c));
                if (boundary)
                    Flush();
            }
            current.Append(c);
        }
        Flush();
        return words;
    }

    public static string Pascal(string text) => string.Concat(Split(text).Select(Capitalize));

    public static string Camel(string text)
    {
        var words = Split(text);
        return words.Count == 0 ? "" : words[0] + string.Concat(words.Skip(1).Select(Capitalize));
    }

    public static string Snake(string text) => string.Join('_', Split(text));

    public static string ScreamingSnake(string text) => Snake(text).ToUpperInvariant();

    private static string Capitalize(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
