namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>npm's range syntax as advisories write it (node-semver "Ranges"): sets joined by "||",
/// comparators (&lt;, &lt;=, &gt;, &gt;=, =) joined by spaces, hyphen ranges "a - b", "*", and caret and
/// tilde ranges. Prerelease versions are compared as plain semver (npm audit's includePrerelease).</summary>
internal static class NpmRange
{
    public static bool Satisfies(string range, string version)
    {
        var v = SemVerScheme.Parse(version);
        return range.Split("||").Any(set => Comparators(set.Trim()).All(c => Test(c, v)));
    }

    /// <summary>The smallest exclusive upper bound ("&lt;X") above the version: the fix npm implies.</summary>
    public static string? FixedAbove(string range, string version)
    {
        var v = SemVerScheme.Parse(version);
        return range.Split("||").SelectMany(set => Comparators(set.Trim()))
            .Where(c => c.Op == "<" && SemVer.Compare(c.Version, v) > 0)
            .OrderBy(c => c.Version, Comparer<SemVer>.Create(SemVer.Compare))
            .Select(c => c.Text).FirstOrDefault();
    }

    private sealed record Comparator(string Op, SemVer Version, string Text);

    private static IEnumerable<Comparator> Comparators(string set)
    {
        if (set is "" or "*" or "x") yield break;
        var hyphen = set.Split(" - ");
        if (hyphen.Length == 2)
        {
            yield return Make(">=", hyphen[0].Trim());
            yield return Make("<=", hyphen[1].Trim());
            yield break;
        }
        var tokens = set.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t is ">=" or "<=" or ">" or "<" or "=" && i + 1 < tokens.Count) t += tokens[++i];
            foreach (var c in Expand(t)) yield return c;
        }
    }

    private static IEnumerable<Comparator> Expand(string t)
    {
        foreach (var op in new[] { ">=", "<=", ">", "<", "=" })
        {
            if (t.StartsWith(op, StringComparison.Ordinal)) return [Make(op, t[op.Length..])];
        }
        if (t[0] is '^' or '~')
        {
            var low = SemVerScheme.Parse(Pad(t[1..]));
            var high = t[0] == '~' ? $"{low.Major}.{low.Minor + 1}.0"
                : !low.Major.IsZero ? $"{low.Major + 1}.0.0"
                : !low.Minor.IsZero ? $"0.{low.Minor + 1}.0"
                : $"0.0.{low.Patch + 1}";
            return [new(">=", low, Pad(t[1..])), Make("<", high)];
        }
        return [Make("=", t)];
    }

    private static Comparator Make(string op, string text) => new(op, SemVerScheme.Parse(Pad(text)), Pad(text));

    private static string Pad(string text)
    {
        var core = text.Split('-', '+')[0];
        var dots = core.Count(ch => ch == '.');
        return dots >= 2 ? text : core + string.Concat(Enumerable.Repeat(".0", 2 - dots)) + text[core.Length..];
    }

    private static bool Test(Comparator c, SemVer v)
    {
        var cmp = SemVer.Compare(v, c.Version);
        return c.Op switch { ">=" => cmp >= 0, "<=" => cmp <= 0, ">" => cmp > 0, "<" => cmp < 0, _ => cmp == 0 };
    }
}
