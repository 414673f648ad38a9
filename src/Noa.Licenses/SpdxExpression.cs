namespace Noa.Licenses;

/// <summary>
/// The one SPDX licence expression parser (SPDX 2.3 Annex D, spdx-expression-parse's grammar): <c>WITH</c> binds
/// tighter than <c>AND</c>, which binds tighter than <c>OR</c>; parentheses group; an id may end in <c>+</c>;
/// <c>LicenseRef-…</c> and <c>DocumentRef-…:LicenseRef-…</c> are user-defined; every other id must be on the SPDX list.
/// Ids match case-insensitively and come back canonical. Two forms real manifests use are read too, with a
/// <see cref="SpdxParseResult.Note"/>: operators in any case (<c>MIT or ISC</c>) and Cargo's legacy <c>/</c> for OR
/// (<c>MIT/Apache-2.0</c>).
/// </summary>
public static class SpdxExpression
{
    private const int MaxTokens = 512; // an expression of real software is a few ids; refuse to recurse on garbage

    /// <summary>Parses <paramref name="text"/> against the embedded licence list.</summary>
    public static SpdxParseResult Parse(string? text) => Parse(text, SpdxCatalog.Instance);

    /// <summary>Parses <paramref name="text"/> against <paramref name="catalog"/>.</summary>
    public static SpdxParseResult Parse(string? text, SpdxCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return SpdxParseResult.Invalid("empty expression");
        }
        if (trimmed == "UNLICENSED")
        {
            return SpdxParseResult.Invalid("UNLICENSED: npm's marker for proprietary code, not an SPDX id");
        }
        if (trimmed is "NOASSERTION" or "NONE")
        {
            return SpdxParseResult.Invalid($"{trimmed}: SPDX's marker for no licence information, not a licence");
        }
        if (trimmed.StartsWith("SEE LICENSE IN ", StringComparison.OrdinalIgnoreCase))
        {
            return SpdxParseResult.Invalid($"refers to a file ({trimmed[15..].Trim()}) instead of naming a licence");
        }
        var (tokens, error, slash) = Tokenize(trimmed);
        if (error is not null)
        {
            return SpdxParseResult.Invalid(error);
        }
        if (tokens.Count > MaxTokens)
        {
            return SpdxParseResult.Invalid($"more than {MaxTokens} tokens: not a licence expression");
        }
        var parser = new Parser(tokens, catalog);
        var expression = parser.Or(out error);
        if (error is null && parser.Position < tokens.Count)
        {
            error = $"unexpected '{tokens[parser.Position]}' at token {parser.Position + 1}";
        }
        if (error is not null)
        {
            return SpdxParseResult.Invalid(error);
        }
        var notes = new List<string>();
        if (slash)
        {
            notes.Add("'/' read as OR (Cargo's legacy form)");
        }
        if (parser.LenientOperators.Count > 0)
        {
            notes.Add($"operator {string.Join(", ", parser.LenientOperators.Distinct().Select(o => $"'{o}'"))} read in upper case");
        }
        return new SpdxParseResult(expression, null, parser.Deprecated, notes.Count == 0 ? null : string.Join("; ", notes));
    }

    private static (List<string> Tokens, string? Error, bool Slash) Tokenize(string text)
    {
        var tokens = new List<string>();
        var slash = false;
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
            else if (c == '/' && tokens.Count > 0 && tokens[^1] is not ("(" or "/"))
            {
                tokens.Add("OR");
                slash = true;
                i++;
            }
            else if (IsIdChar(c))
            {
                var start = i;
                while (i < text.Length && IsIdChar(text[i]))
                {
                    i++;
                }
                tokens.Add(text[start..i]);
            }
            else
            {
                return (tokens, $"invalid character '{Printable(c)}' at position {i + 1}", slash);
            }
        }
        return (tokens, null, slash);
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or ':';

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();

    private sealed class Parser(List<string> tokens, SpdxCatalog catalog)
    {
        public int Position { get; private set; }

        public bool Deprecated { get; private set; }

        public List<string> LenientOperators { get; } = [];

        private string? Peek => Position < tokens.Count ? tokens[Position] : null;

        public LicenseExpression? Or(out string? error)
        {
            var items = new List<LicenseExpression>();
            do
            {
                var item = And(out error);
                if (error is not null)
                {
                    return null;
                }
                Add(items, item!, isChoice: true);
            }
            while (Take("OR"));
            return items.Count == 1 ? items[0] : new LicenseChoice(items);
        }

        private LicenseExpression? And(out string? error)
        {
            var items = new List<LicenseExpression>();
            do
            {
                var item = Term(out error);
                if (error is not null)
                {
                    return null;
                }
                Add(items, item!, isChoice: false);
            }
            while (Take("AND"));
            return items.Count == 1 ? items[0] : new LicenseCombination(items);
        }

        // (A OR B) OR C is one choice of three; likewise for AND.
        private static void Add(List<LicenseExpression> items, LicenseExpression item, bool isChoice)
        {
            switch (item)
            {
                case LicenseChoice c when isChoice: items.AddRange(c.Options); break;
                case LicenseCombination c when !isChoice: items.AddRange(c.Parts); break;
                default: items.Add(item); break;
            }
        }

        private LicenseExpression? Term(out string? error)
        {
            error = null;
            var t = Peek;
            if (t is null)
            {
                error = "unexpected end of expression";
                return null;
            }
            if (t == "(")
            {
                Position++;
                var inner = Or(out error);
                if (error is not null)
                {
                    return null;
                }
                if (Peek != ")")
                {
                    error = Peek is null ? "missing ')'" : $"expected ')' but found '{Peek}'";
                    return null;
                }
                Position++;
                return inner;
            }
            if (t == ")" || IsOperator(t))
            {
                error = $"unexpected '{t}' where a licence id was expected";
                return null;
            }
            Position++;
            var id = License(t, out error);
            if (error is not null)
            {
                return null;
            }
            string? exception = null;
            if (Take("WITH"))
            {
                var e = Peek;
                if (e is null || e is "(" or ")" || IsOperator(e))
                {
                    error = "expected an exception id after WITH";
                    return null;
                }
                Position++;
                if (!catalog.TryException(e, out exception))
                {
                    error = $"unknown licence exception '{e}'";
                    return null;
                }
            }
            return new LicenseTerm(id!, exception);
        }

        private string? License(string token, out string? error)
        {
            error = null;
            if (token.StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase) || token.StartsWith("DocumentRef-", StringComparison.OrdinalIgnoreCase))
            {
                var colon = token.IndexOf(':', StringComparison.Ordinal);
                var valid = token.StartsWith("DocumentRef-", StringComparison.OrdinalIgnoreCase)
                    ? colon > 12 && token.AsSpan(colon + 1).StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase) && token.Length > colon + 12
                    : colon < 0 && token.Length > 11;
                if (!valid || token.EndsWith('+'))
                {
                    error = $"malformed user-defined reference '{token}'";
                }
                return token;
            }
            if (catalog.TryLicense(token, out var whole))
            {
                // Ids such as GPL-2.0+ are on the list in their own right (deprecated).
                Deprecated |= catalog.Deprecated.Contains(whole) || !catalog.Current.Contains(whole);
                return whole;
            }
            var plus = token.EndsWith('+');
            var bare = plus ? token[..^1] : token;
            if (bare.Length == 0 || bare.Contains('+', StringComparison.Ordinal) || bare.Contains(':', StringComparison.Ordinal)
                || !catalog.TryLicense(bare, out var canonical))
            {
                error = $"unknown licence id '{token}'";
                return null;
            }
            Deprecated |= catalog.Deprecated.Contains(canonical);
            return plus ? canonical + "+" : canonical;
        }

        private bool Take(string op)
        {
            if (Peek is { } t && t.Equals(op, StringComparison.OrdinalIgnoreCase))
            {
                if (t != op)
                {
                    LenientOperators.Add(t);
                }
                Position++;
                return true;
            }
            return false;
        }

        private static bool IsOperator(string token) =>
            token.Equals("AND", StringComparison.OrdinalIgnoreCase) || token.Equals("OR", StringComparison.OrdinalIgnoreCase)
            || token.Equals("WITH", StringComparison.OrdinalIgnoreCase);
    }
}
