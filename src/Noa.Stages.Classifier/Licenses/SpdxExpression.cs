using System.Text;

namespace Noa.Stages.Classifier.Licenses;

/// <summary>
/// Parses SPDX licence expressions with spdx-expression-parse's grammar: <c>WITH</c> binds tighter
/// than <c>AND</c>, which binds tighter than <c>OR</c>; parentheses group; an id may end in <c>+</c>;
/// <c>LicenseRef-…</c> and <c>DocumentRef-…:LicenseRef-…</c> are user-defined. Ids match
/// case-insensitively and come back in canonical case; operators may be all upper or all lower case.
/// </summary>
internal sealed class SpdxExpression
{
    private readonly List<string> _tokens;
    private readonly SpdxCatalog _catalog;
    private readonly List<string> _licenses = [];
    private readonly StringBuilder _normalized = new();
    private bool _deprecated;
    private int _pos;

    private SpdxExpression(List<string> tokens, SpdxCatalog catalog)
    {
        _tokens = tokens;
        _catalog = catalog;
    }

    public static SpdxExpressionResult Parse(string? text) => Parse(text, SpdxCatalog.Instance);

    public static SpdxExpressionResult Parse(string? text, SpdxCatalog catalog)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return SpdxExpressionResult.Invalid("empty expression");
        }
        if (trimmed == "UNLICENSED")
        {
            return SpdxExpressionResult.Invalid("UNLICENSED: npm's marker for proprietary code, not an SPDX id");
        }
        if (trimmed.StartsWith("SEE LICENSE IN ", StringComparison.OrdinalIgnoreCase))
        {
            return SpdxExpressionResult.Invalid($"refers to a file ({trimmed[15..].Trim()}) instead of naming a licence");
        }
        var tokens = Tokenize(trimmed, out var tokenError);
        if (tokenError is not null)
        {
            return SpdxExpressionResult.Invalid(tokenError);
        }
        var parser = new SpdxExpression(tokens, catalog);
        var error = parser.ParseOr();
        if (error is null && parser._pos < tokens.Count)
        {
            error = $"unexpected '{tokens[parser._pos]}' at token {parser._pos + 1}";
        }
        if (error is not null)
        {
            return SpdxExpressionResult.Invalid(error);
        }
        var ids = parser._licenses.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new SpdxExpressionResult(true, parser._normalized.ToString().Trim(), ids, null, parser._deprecated);
    }

    private static List<string> Tokenize(string text, out string? error)
    {
        error = null;
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or ':')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '-' or '+' or ':'))
                {
                    i++;
                }
                tokens.Add(text[start..i]);
            }
            else
            {
                error = $"invalid character '{c}' at position {i + 1}";
                return tokens;
            }
        }
        return tokens;
    }

    private string? Peek => _pos < _tokens.Count ? _tokens[_pos] : null;

    private bool TakeOperator(string op)
    {
        var t = Peek;
        if (t is not null && (t == op || t == op.ToLowerInvariant()))
        {
            _pos++;
            _normalized.Append(' ').Append(op).Append(' ');
            return true;
        }
        return false;
    }

    private string? ParseOr()
    {
        var error = ParseAnd();
        while (error is null && TakeOperator("OR"))
        {
            error = ParseAnd();
        }
        return error;
    }

    private string? ParseAnd()
    {
        var error = ParseTerm();
        while (error is null && TakeOperator("AND"))
        {
            error = ParseTerm();
        }
        return error;
    }

    private string? ParseTerm()
    {
        var t = Peek;
        if (t is null)
        {
            return "unexpected end of expression";
        }
        if (t == "(")
        {
            _pos++;
            _normalized.Append('(');
            var error = ParseOr();
            if (error is not null)
            {
                return error;
            }
            if (Peek != ")")
            {
                return Peek is null ? "missing ')'" : $"expected ')' but found '{Peek}'";
            }
            _pos++;
            TrimSpace();
            _normalized.Append(')');
            return null;
        }
        if (t == ")" || IsOperator(t))
        {
            return $"unexpected '{t}' where a licence id was expected";
        }
        _pos++;
        var id = ResolveLicense(t, out var idError);
        if (idError is not null)
        {
            return idError;
        }
        _normalized.Append(id);
        _licenses.Add(id!);
        if (TakeOperator("WITH"))
        {
            var exception = Peek;
            if (exception is null || exception is "(" or ")" || IsOperator(exception))
            {
                return "expected an exception id after WITH";
            }
            _pos++;
            if (!_catalog.Exceptions.TryGetValue(exception, out var canonical))
            {
                return $"unknown licence exception '{exception}'";
            }
            _normalized.Append(canonical);
        }
        return null;
    }

    private string? ResolveLicense(string token, out string? error)
    {
        error = null;
        if (token.StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase) || token.StartsWith("DocumentRef-", StringComparison.OrdinalIgnoreCase))
        {
            var colon = token.IndexOf(':');
            var valid = token.StartsWith("DocumentRef-", StringComparison.OrdinalIgnoreCase)
                ? colon > 12 && token.AsSpan(colon + 1).StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase) && token.Length > colon + 12
                : colon < 0 && token.Length > 11;
            if (!valid || token.EndsWith('+'))
            {
                error = $"malformed user-defined reference '{token}'";
            }
            return token;
        }
        var plus = token.EndsWith('+');
        var bare = plus ? token[..^1] : token;
        if (_catalog.Ids.TryGetValue(token, out var whole))
        {
            // Ids such as GPL-2.0+ exist as deprecated ids in their own right.
            _deprecated |= _catalog.Deprecated.Contains(whole);
            return whole;
        }
        if (bare.Length == 0 || bare.Contains('+', StringComparison.Ordinal) || bare.Contains(':', StringComparison.Ordinal)
            || !_catalog.Ids.TryGetValue(bare, out var canonical))
        {
            error = $"unknown licence id '{token}'";
            return null;
        }
        _deprecated |= _catalog.Deprecated.Contains(canonical);
        return plus ? canonical + "+" : canonical;
    }

    private void TrimSpace()
    {
        while (_normalized.Length > 0 && _normalized[^1] == ' ')
        {
            _normalized.Length--;
        }
    }

    private static bool IsOperator(string token) => token is "AND" or "OR" or "WITH" or "and" or "or" or "with";
}
