using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Noa.Stages.Classifier.Paths;

/// <summary>
/// A set of path regexes that answers "does any match" cheaply: each pattern's longest required
/// literal goes into one multi-string search, and only patterns whose literal occurs in the path are
/// run. Most paths contain none of the literals and never reach a regex; the regexes are small and
/// interpreted, so the set costs nothing to build (a DFA of ~200 patterns took half a second).
/// </summary>
internal sealed class PatternSet
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private readonly (string Literal, Regex Regex)[] _filtered;
    private readonly Regex[] _always;
    private readonly SearchValues<string>? _literals;

    public PatternSet(IEnumerable<string> patterns)
    {
        var filtered = new List<(string, Regex)>();
        var always = new List<Regex>();
        foreach (var pattern in patterns)
        {
            var literal = RequiredLiteral(pattern);
            if (literal is null)
            {
                always.Add(new Regex(pattern, Options));
            }
            else
            {
                filtered.Add((literal, new Regex(pattern, Options)));
            }
        }
        _filtered = [.. filtered];
        _always = [.. always];
        _literals = filtered.Count == 0 ? null : SearchValues.Create(filtered.Select(f => f.Item1).Distinct().ToArray(), StringComparison.Ordinal);
    }

    public bool IsMatch(string path)
    {
        foreach (var regex in _always)
        {
            if (regex.IsMatch(path))
            {
                return true;
            }
        }
        if (_literals is null || path.AsSpan().IndexOfAny(_literals) < 0)
        {
            return false;
        }
        foreach (var (literal, regex) in _filtered)
        {
            if (path.Contains(literal, StringComparison.Ordinal) && regex.IsMatch(path))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The longest run of literal characters every match must contain, or null when the pattern has
    /// none of two characters or more (or alternates at its top level). Groups, classes and
    /// quantified characters end a run; a character made optional by <c>?</c> or <c>*</c> is dropped.
    /// </summary>
    internal static string? RequiredLiteral(string pattern)
    {
        string? best = null;
        var run = new StringBuilder();
        var depth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                i++;
                if (depth == 0 && !char.IsAsciiLetterOrDigit(next))
                {
                    Append(run, next, pattern, i, ref best);
                }
                else if (depth == 0)
                {
                    Flush(run, ref best); // \d, \w, \s: a class, not a literal.
                }
                continue;
            }
            switch (c)
            {
                case '(':
                    depth++;
                    Flush(run, ref best);
                    break;
                case ')':
                    depth--;
                    break;
                case '[':
                    // Skip the class; it is one unknown character.
                    var close = pattern.IndexOf(']', i + 2);
                    i = close < 0 ? pattern.Length : close;
                    if (depth == 0)
                    {
                        Flush(run, ref best);
                    }
                    break;
                case '|' when depth == 0:
                    return null;
                case '{':
                    // A counted repeat of what came before ({64}): its digits are no literal.
                    var end = pattern.IndexOf('}', i + 1);
                    i = end < 0 ? pattern.Length : end;
                    if (depth == 0)
                    {
                        Flush(run, ref best);
                    }
                    break;
                case '^' or '$' or '.' or '?' or '*' or '+' or '}' or '|':
                    if (depth == 0)
                    {
                        Flush(run, ref best);
                    }
                    break;
                default:
                    if (depth == 0)
                    {
                        Append(run, c, pattern, i, ref best);
                    }
                    break;
            }
        }
        Flush(run, ref best);
        return best is { Length: >= 2 } ? best : null;
    }

    // A character followed by a quantifier that allows zero or many is not a fixed part of the run.
    private static void Append(StringBuilder run, char c, string pattern, int index, ref string? best)
    {
        var next = index + 1 < pattern.Length ? pattern[index + 1] : '\0';
        if (next is '?' or '*' or '{')
        {
            Flush(run, ref best);
            return;
        }
        run.Append(c);
        if (next == '+')
        {
            Flush(run, ref best);
        }
    }

    private static void Flush(StringBuilder run, ref string? best)
    {
        if (run.Length > (best?.Length ?? 0))
        {
            best = run.ToString();
        }
        run.Clear();
    }
}
