using System.Text.RegularExpressions;

namespace Noa.Stages.Env.Planning;

/// <summary>Version constraints as manifests write them (<c>&gt;=3.9,&lt;4</c>, <c>^18.0.0</c>, <c>~1.70</c>, <c>3.12.1</c>, <c>20.x</c>), reduced to
/// what choosing a base image needs: a lower bound, an exclusive upper bound, and whether it names one version.</summary>
internal static partial class Versions
{
    /// <summary>The version to build with: <paramref name="preferred"/> (the locally built one) when the constraint admits it, else the
    /// constraint's lowest version, at <paramref name="parts"/> components (2: 3.11, 1: 18).</summary>
    public static string Choose(string constraint, string preferred, int parts)
    {
        // npm's x-ranges: 18.x (and 18.*) is ^18, 18.2.x is ~18.2 — not 18 and newer.
        var c = XRange().Replace(constraint.Trim().Trim('"', '\''), m => (m.Groups[2].Success ? "~" : "^") + m.Groups[1].Value + m.Groups[2].Value);
        var exact = ExactPattern().Match(c);
        if (exact.Success)
            return Cut(exact.Groups[1].Value, parts);
        var lower = (int[]?)null;
        var upper = (int[]?)null;
        foreach (Match m in ClausePattern().Matches(c))
        {
            var op = m.Groups[1].Value;
            var v = Parse(m.Groups[2].Value);
            switch (op)
            {
                case ">=" or ">" or "=" or "==" or "":
                    lower = Max(lower, v);
                    break;
                case "^":
                    lower = Max(lower, v);
                    upper = Min(upper, v[0] == 0 && v.Length > 1 ? [0, v[1] + 1] : [v[0] + 1]);
                    break;
                case "~" or "~=":
                    lower = Max(lower, v);
                    upper = Min(upper, v.Length > 1 ? [v[0], v[1] + 1] : [v[0] + 1]);
                    break;
                case "<" or "<=":
                    upper = Min(upper, op == "<=" ? Bump(v) : v);
                    break;
            }
        }
        var p = Parse(preferred);
        if ((lower is null || Compare(p, lower) >= 0) && (upper is null || Compare(p, upper) < 0))
            return preferred;
        return lower is null ? preferred : Cut(string.Join('.', lower), parts);
    }

    public static string Cut(string version, int parts) => string.Join('.', version.Split('.').Take(parts));

    private static int[] Parse(string v) => [.. v.Split('.').TakeWhile(s => int.TryParse(s, out _)).Select(int.Parse).DefaultIfEmpty(0)];

    private static int[] Bump(int[] v) => [.. v[..^1], v[^1] + 1];

    private static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var d = (i < a.Length ? a[i] : 0).CompareTo(i < b.Length ? b[i] : 0);
            if (d != 0)
                return d;
        }
        return 0;
    }

    private static int[] Max(int[]? a, int[] b) => a is null || Compare(b, a) > 0 ? b : a;

    private static int[] Min(int[]? a, int[] b) => a is null || Compare(b, a) < 0 ? b : a;

    [GeneratedRegex(@"(?<![\d.])(\d+)(\.\d+)?\.[xX*](?:\.[xX*])?")]
    private static partial Regex XRange();

    [GeneratedRegex(@"^v?(\d+(?:\.\d+){0,2})$")]
    private static partial Regex ExactPattern();

    [GeneratedRegex(@"(>=|<=|~=|==|>|<|\^|~|=)?\s*v?(\d+(?:\.\d+)*)")]
    private static partial Regex ClausePattern();
}
