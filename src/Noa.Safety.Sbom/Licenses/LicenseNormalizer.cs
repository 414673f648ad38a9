using System.Text;
using System.Text.RegularExpressions;

namespace Noa.Safety.Sbom.Licenses;

/// <summary>
/// Turns declared licence text into an SPDX id or expression: known ids (any case), AND/OR (also the
/// old Cargo "MIT/Apache-2.0" form), WITH a known exception, parentheses. Anything else keeps its text
/// and no expression, so writers can mark it unknown instead of guessing.
/// </summary>
internal static partial class LicenseNormalizer
{
    public static DeclaredLicense? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var trimmed = text.Trim();
        var tokens = Tokenize(trimmed.Replace("/", " OR ", StringComparison.Ordinal));
        var position = 0;
        var expression = tokens is null ? null : ParseOr(tokens, ref position);
        return new DeclaredLicense(expression is not null && position == tokens!.Count ? Strip(expression) : null, trimmed);
    }

    /// <summary>Several licences the package declares at once (composer's and npm's arrays) mean any of them.</summary>
    public static DeclaredLicense? Any(IReadOnlyList<string> texts) => texts.Count switch
    {
        0 => null,
        1 => Normalize(texts[0]),
        _ => Normalize(string.Join(" OR ", texts.Select(t => $"({t})"))) is { } l ? l with { Text = string.Join(", ", texts) } : null,
    };

    private static string? ParseOr(List<string> t, ref int i) => ParseBinary(t, ref i, "OR", ParseAnd);

    private static string? ParseAnd(List<string> t, ref int i) => ParseBinary(t, ref i, "AND", ParseWith);

    private delegate string? Parser(List<string> t, ref int i);

    private static string? ParseBinary(List<string> t, ref int i, string op, Parser next)
    {
        var left = next(t, ref i);
        var parts = new List<string>();
        if (left is null)
        {
            return null;
        }
        parts.Add(left);
        while (i < t.Count && t[i].Equals(op, StringComparison.OrdinalIgnoreCase))
        {
            i++;
            var right = next(t, ref i);
            if (right is null)
            {
                return null;
            }
            parts.Add(right);
        }
        return parts.Count == 1 ? left : "(" + string.Join($" {op} ", parts) + ")";
    }

    private static string? ParseWith(List<string> t, ref int i)
    {
        var atom = ParseAtom(t, ref i);
        if (atom is null || i >= t.Count || !t[i].Equals("WITH", StringComparison.OrdinalIgnoreCase))
        {
            return atom;
        }
        i++;
        if (i < t.Count && SpdxIds.TryException(t[i], out var exception))
        {
            i++;
            return $"{atom} WITH {exception}";
        }
        return null;
    }

    private static string? ParseAtom(List<string> t, ref int i)
    {
        if (i >= t.Count)
        {
            return null;
        }
        if (t[i] == "(")
        {
            i++;
            var inner = ParseOr(t, ref i);
            if (inner is null || i >= t.Count || t[i] != ")")
            {
                return null;
            }
            i++;
            return inner;
        }
        var id = t[i];
        var plus = id.EndsWith('+') && !SpdxIds.TryLicense(id, out _);
        if (plus)
        {
            id = id[..^1];
        }
        if (SpdxIds.TryLicense(id, out var canonical) || LicenseRef().IsMatch(id))
        {
            i++;
            return (SpdxIds.TryLicense(id, out _) ? canonical : id) + (plus ? "+" : "");
        }
        return null;
    }

    // Outer parentheses of the whole expression add nothing.
    private static string Strip(string e) => e.StartsWith('(') && Balanced(e[1..^1]) ? e[1..^1] : e;

    private static bool Balanced(string s)
    {
        var depth = 0;
        foreach (var c in s)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
            {
                return false;
            }
        }
        return depth == 0;
    }

    private static List<string>? Tokenize(string s)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in s)
        {
            if (c is '(' or ')' || char.IsWhiteSpace(c))
            {
                Flush();
                if (c is '(' or ')')
                {
                    tokens.Add(c.ToString());
                }
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '+' or ':')
            {
                current.Append(c);
            }
            else
            {
                return null;
            }
        }
        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
    }

    [GeneratedRegex(@"^(DocumentRef-[A-Za-z0-9.\-]+:)?LicenseRef-[A-Za-z0-9.\-]+$")]
    private static partial Regex LicenseRef();
}
