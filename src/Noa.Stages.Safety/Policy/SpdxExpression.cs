namespace Noa.Stages.Safety.Policy;

/// <summary>An SPDX licence expression (<c>MIT OR (Apache-2.0 AND BSD-3-Clause)</c>, <c>GPL-2.0-only WITH
/// Classpath-exception-2.0</c>), for the licence gate: AND binds tighter than OR, as the SPDX spec says.</summary>
public abstract record SpdxExpression
{
    /// <summary>True when using the code requires accepting a licence in <paramref name="deny"/>: an OR is denied only
    /// when every choice is, an AND when any part is.</summary>
    public abstract bool Denied(IReadOnlyList<string> deny);

    /// <summary>True when the code can be used under licences in <paramref name="allow"/> only.</summary>
    public abstract bool Allowed(IReadOnlyList<string> allow);

    /// <summary>Parses an expression; null when it is not one (free text, NOASSERTION, empty).</summary>
    public static SpdxExpression? TryParse(string text)
    {
        var tokens = text.Replace("(", " ( ", StringComparison.Ordinal).Replace(")", " ) ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var position = 0;
        var result = Or(tokens, ref position);
        return result is not null && position == tokens.Length ? result : null;
    }

    private static SpdxExpression? Or(string[] t, ref int i)
    {
        var left = And(t, ref i);
        while (left is not null && i < t.Length && t[i].Equals("OR", StringComparison.OrdinalIgnoreCase))
        {
            i++;
            var right = And(t, ref i);
            left = right is null ? null : new Either(left, right);
        }
        return left;
    }

    private static SpdxExpression? And(string[] t, ref int i)
    {
        var left = Primary(t, ref i);
        while (left is not null && i < t.Length && t[i].Equals("AND", StringComparison.OrdinalIgnoreCase))
        {
            i++;
            var right = Primary(t, ref i);
            left = right is null ? null : new Both(left, right);
        }
        return left;
    }

    private static SpdxExpression? Primary(string[] t, ref int i)
    {
        if (i >= t.Length)
        {
            return null;
        }
        if (t[i] == "(")
        {
            i++;
            var inner = Or(t, ref i);
            if (inner is null || i >= t.Length || t[i] != ")")
            {
                return null;
            }
            i++;
            return inner;
        }
        var id = t[i];
        if (!IsId(id) || id.ToUpperInvariant() is "AND" or "OR" or "WITH" or "NOASSERTION" or "NONE")
        {
            return null;
        }
        i++;
        if (i < t.Length && t[i].Equals("WITH", StringComparison.OrdinalIgnoreCase))
        {
            if (i + 1 >= t.Length || !IsId(t[i + 1]))
            {
                return null;
            }
            i += 2; // the exception widens what the licence permits; the gate judges the licence
        }
        return new License(id);
    }

    private static bool IsId(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '+' or ':');

    private sealed record License(string Id) : SpdxExpression
    {
        public override bool Denied(IReadOnlyList<string> deny) => deny.Any(Matches);

        public override bool Allowed(IReadOnlyList<string> allow) => allow.Any(Matches);

        // GPL-2.0+ is GPL-2.0-or-later; ids compare case-insensitively (SPDX ids are case-insensitive).
        private bool Matches(string other) => Normal(Id).Equals(Normal(other), StringComparison.OrdinalIgnoreCase);

        private static string Normal(string id) => id.EndsWith('+') ? id[..^1] + "-or-later" : id;
    }

    private sealed record Either(SpdxExpression Left, SpdxExpression Right) : SpdxExpression
    {
        public override bool Denied(IReadOnlyList<string> deny) => Left.Denied(deny) && Right.Denied(deny);

        public override bool Allowed(IReadOnlyList<string> allow) => Left.Allowed(allow) || Right.Allowed(allow);
    }

    private sealed record Both(SpdxExpression Left, SpdxExpression Right) : SpdxExpression
    {
        public override bool Denied(IReadOnlyList<string> deny) => Left.Denied(deny) || Right.Denied(deny);

        public override bool Allowed(IReadOnlyList<string> allow) => Left.Allowed(allow) && Right.Allowed(allow);
    }
}
