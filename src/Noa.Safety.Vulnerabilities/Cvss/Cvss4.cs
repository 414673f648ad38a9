using static Noa.Safety.Vulnerabilities.Cvss.Cvss4MacroVectors;

namespace Noa.Safety.Vulnerabilities.Cvss;

/// <summary>The CVSS v4.0 score (FIRST CVSS v4.0 specification §8): the vector's MacroVector (six equivalence classes,
/// EQ1-EQ6) gives a score from the spec's table, which is then lowered by the mean, over the classes that have a lower
/// MacroVector, of that class's scoring difference scaled by how far the vector is from the class's highest-severity
/// vector. Base, threat (E), environmental (CR/IR/AR, M*) and supplemental metrics are read; the score is of all that
/// the vector holds (CVSS-B, -BT, -BE or -BTE).</summary>
internal static class Cvss4
{
    private static readonly Dictionary<string, string[]> BaseMetrics = new(StringComparer.Ordinal)
    {
        ["AV"] = ["N", "A", "L", "P"], ["AC"] = ["L", "H"], ["AT"] = ["N", "P"], ["PR"] = ["N", "L", "H"],
        ["UI"] = ["N", "P", "A"], ["VC"] = ["H", "L", "N"], ["VI"] = ["H", "L", "N"], ["VA"] = ["H", "L", "N"],
        ["SC"] = ["H", "L", "N"], ["SI"] = ["H", "L", "N"], ["SA"] = ["H", "L", "N"],
    };

    private static readonly Dictionary<string, string[]> OptionalMetrics = new(StringComparer.Ordinal)
    {
        ["E"] = ["X", "A", "P", "U"],
        ["CR"] = ["X", "H", "M", "L"], ["IR"] = ["X", "H", "M", "L"], ["AR"] = ["X", "H", "M", "L"],
        ["MAV"] = ["X", "N", "A", "L", "P"], ["MAC"] = ["X", "L", "H"], ["MAT"] = ["X", "N", "P"], ["MPR"] = ["X", "N", "L", "H"],
        ["MUI"] = ["X", "N", "P", "A"], ["MVC"] = ["X", "H", "L", "N"], ["MVI"] = ["X", "H", "L", "N"], ["MVA"] = ["X", "H", "L", "N"],
        ["MSC"] = ["X", "H", "L", "N"], ["MSI"] = ["X", "S", "H", "L", "N"], ["MSA"] = ["X", "S", "H", "L", "N"],
        ["S"] = ["X", "N", "P"], ["AU"] = ["X", "N", "Y"], ["R"] = ["X", "A", "U", "I"], ["V"] = ["X", "D", "C"],
        ["RE"] = ["X", "L", "M", "H"], ["U"] = ["X", "Clear", "Green", "Amber", "Red"],
    };

    // Severity levels in tenths, 0 the most severe: the spec's severity distance is the sum of these differences.
    private static readonly Dictionary<string, Dictionary<string, int>> Levels = new(StringComparer.Ordinal)
    {
        ["AV"] = Level(("N", 0), ("A", 1), ("L", 2), ("P", 3)), ["PR"] = Level(("N", 0), ("L", 1), ("H", 2)), ["UI"] = Level(("N", 0), ("P", 1), ("A", 2)),
        ["AC"] = Level(("L", 0), ("H", 1)), ["AT"] = Level(("N", 0), ("P", 1)),
        ["VC"] = Level(("H", 0), ("L", 1), ("N", 2)), ["VI"] = Level(("H", 0), ("L", 1), ("N", 2)), ["VA"] = Level(("H", 0), ("L", 1), ("N", 2)),
        ["SC"] = Level(("H", 1), ("L", 2), ("N", 3)), ["SI"] = Level(("S", 0), ("H", 1), ("L", 2), ("N", 3)), ["SA"] = Level(("S", 0), ("H", 1), ("L", 2), ("N", 3)),
        ["CR"] = Level(("H", 0), ("M", 1), ("L", 2)), ["IR"] = Level(("H", 0), ("M", 1), ("L", 2)), ["AR"] = Level(("H", 0), ("M", 1), ("L", 2)),
    };

    private static readonly string[] Eq1Metrics = ["AV", "PR", "UI"], Eq2Metrics = ["AC", "AT"], Eq3Eq6Metrics = ["VC", "VI", "VA", "CR", "IR", "AR"],
        Eq4Metrics = ["SC", "SI", "SA"], Impacts = ["VC", "VI", "VA", "SC", "SI", "SA"];

    /// <summary>The score with one decimal, or null when the vector is not a valid v4.0 vector (a base metric missing,
    /// a metric or value the spec does not define, a metric repeated).</summary>
    public static double? Score(string vector)
    {
        if (CvssVector.Split(vector) is not ("4.0", { } metrics) || !Valid(metrics)) return null;
        var m = Effective(metrics);
        if (Impacts.All(k => m[k] == "N")) return 0;

        var eq = MacroVector(m);
        var key = string.Concat(eq);
        var value = Scores[key];

        // The highest-severity vector of the MacroVector from which this vector is reached by lowering metrics only.
        var distances = Highest(eq).Select(h => Distances(m, h)).FirstOrDefault(d => d.Values.All(x => x >= 0))
            ?? Distances(m, Highest(eq).Last());
        int Sum(string[] keys) => keys.Sum(k => distances[k]);

        var lowered = new List<double>();
        void Add(string? lower, int distance, int depth)
        {
            if (lower is not null && Scores.TryGetValue(lower, out var next))
            {
                lowered.Add(depth == 0 ? 0 : (value - next) * distance / depth);
            }
        }
        Add(With(eq, 0, eq[0] + 1), Sum(Eq1Metrics), Eq1Depth[eq[0]]);
        Add(With(eq, 1, eq[1] + 1), Sum(Eq2Metrics), Eq2Depth[eq[1]]);
        Add(Eq3Eq6Lower(eq), Sum(Eq3Eq6Metrics), Eq3Eq6Depth[eq[2]][eq[5]]);
        Add(With(eq, 3, eq[3] + 1), Sum(Eq4Metrics), Eq4Depth[eq[3]]);
        Add(With(eq, 4, eq[4] + 1), 0, 1); // EQ5 has one vector per level: no distance inside it

        var score = Math.Clamp(value - (lowered.Count == 0 ? 0 : lowered.Average()), 0, 10);
        // Half up, as the spec's calculator rounds, after a 1e-6 nudge that keeps 4.45 from landing on 4.4 by binary error.
        return Math.Floor(((score + 1e-6) * 10) + 0.5) / 10;
    }

    private static bool Valid(Dictionary<string, string> metrics) =>
        BaseMetrics.All(kv => metrics.TryGetValue(kv.Key, out var v) && kv.Value.Contains(v, StringComparer.Ordinal))
        && metrics.All(kv => BaseMetrics.ContainsKey(kv.Key) || (OptionalMetrics.TryGetValue(kv.Key, out var allowed) && allowed.Contains(kv.Value, StringComparer.Ordinal)));

    /// <summary>The values the score is computed from: a modified metric (M*) replaces its base metric; E, CR, IR and
    /// AR that are absent or X count as their worst case (E:A, *R:H).</summary>
    private static Dictionary<string, string> Effective(Dictionary<string, string> metrics)
    {
        var m = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in BaseMetrics.Keys)
        {
            m[name] = metrics.TryGetValue("M" + name, out var modified) && modified != "X" ? modified : metrics[name];
        }
        string Or(string name, string worst) => metrics.TryGetValue(name, out var v) && v != "X" ? v : worst;
        m["E"] = Or("E", "A");
        m["CR"] = Or("CR", "H");
        m["IR"] = Or("IR", "H");
        m["AR"] = Or("AR", "H");
        return m;
    }

    private static int[] MacroVector(Dictionary<string, string> m)
    {
        bool Is(string metric, string value) => m[metric] == value;
        var eq1 = Is("AV", "N") && Is("PR", "N") && Is("UI", "N") ? 0
            : (Is("AV", "N") || Is("PR", "N") || Is("UI", "N")) && !Is("AV", "P") ? 1
            : 2;
        var eq2 = Is("AC", "L") && Is("AT", "N") ? 0 : 1;
        var eq3 = Is("VC", "H") && Is("VI", "H") ? 0 : Is("VC", "H") || Is("VI", "H") || Is("VA", "H") ? 1 : 2;
        var eq4 = Is("SI", "S") || Is("SA", "S") ? 0 : Is("SC", "H") || Is("SI", "H") || Is("SA", "H") ? 1 : 2;
        var eq5 = m["E"] switch { "A" => 0, "P" => 1, _ => 2 };
        var eq6 = (Is("CR", "H") && Is("VC", "H")) || (Is("IR", "H") && Is("VI", "H")) || (Is("AR", "H") && Is("VA", "H")) ? 0 : 1;
        return [eq1, eq2, eq3, eq4, eq5, eq6];
    }

    /// <summary>The highest-severity vectors of the MacroVector: every combination of its classes' highest parts.</summary>
    private static IEnumerable<Dictionary<string, string>> Highest(int[] eq) =>
        from a in Eq1Highest[eq[0]]
        from b in Eq2Highest[eq[1]]
        from c in Eq3Eq6Highest[eq[2]][eq[5]]
        from d in Eq4Highest[eq[3]]
        from e in Eq5Highest[eq[4]]
        select string.Join('/', a, b, c, d, e).Split('/').Select(p => p.Split(':')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static Dictionary<string, int> Distances(Dictionary<string, string> m, Dictionary<string, string> highest) =>
        Levels.ToDictionary(kv => kv.Key, kv => kv.Value[m[kv.Key]] - kv.Value[highest[kv.Key]], StringComparer.Ordinal);

    /// <summary>EQ3 and EQ6 lower together: 00 → the higher-scoring of 01 and 10; 01 → 11; 10 → 11; 11 → 21; 21 has none.</summary>
    private static string? Eq3Eq6Lower(int[] eq) => (eq[2], eq[5]) switch
    {
        (0, 0) => new[] { With(eq, 5, 1), With(eq, 2, 1) }.MaxBy(k => Scores.GetValueOrDefault(k, double.MinValue)),
        (0, 1) or (1, 1) => With(eq, 2, eq[2] + 1),
        (1, 0) => With(eq, 5, 1),
        _ => null,
    };

    private static string With(int[] eq, int index, int level)
    {
        var copy = (int[])eq.Clone();
        copy[index] = level;
        return string.Concat(copy);
    }

    private static Dictionary<string, int> Level(params (string Value, int Level)[] levels) =>
        levels.ToDictionary(l => l.Value, l => l.Level, StringComparer.Ordinal);
}
