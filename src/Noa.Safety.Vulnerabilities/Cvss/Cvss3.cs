namespace Noa.Safety.Vulnerabilities.Cvss;

/// <summary>The CVSS v3.0/v3.1 base score (FIRST CVSS v3.1 specification §7.1 and Appendix A's
/// Roundup; v3.0 vectors are scored with the v3.1 Roundup, which fixes v3.0's floating-point
/// artefacts and gives the same score for every vector where v3.0's was exact).</summary>
internal static class Cvss3
{
    private static readonly string[] Required = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];

    public static double? BaseScore(string vector)
    {
        if (CvssVector.Split(vector) is not ({ } version, { } m) || version is not ("3.0" or "3.1")) return null;
        if (Required.Any(k => !m.ContainsKey(k))) return null;
        var changed = m["S"] switch { "U" => false, "C" => true, _ => (bool?)null };
        double? av = m["AV"] switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, "P" => 0.2, _ => null };
        double? ac = m["AC"] switch { "L" => 0.77, "H" => 0.44, _ => null };
        double? pr = m["PR"] switch { "N" => 0.85, "L" => changed == true ? 0.68 : 0.62, "H" => changed == true ? 0.5 : 0.27, _ => null };
        double? ui = m["UI"] switch { "N" => 0.85, "R" => 0.62, _ => null };
        double? Cia(string k) => m[k] switch { "H" => 0.56, "L" => 0.22, "N" => 0.0, _ => null };
        var (c, i, a) = (Cia("C"), Cia("I"), Cia("A"));
        if (changed is null || av is null || ac is null || pr is null || ui is null || c is null || i is null || a is null) return null;

        var iss = 1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value));
        var impact = changed.Value ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * av.Value * ac.Value * pr.Value * ui.Value;
        if (impact <= 0) return 0;
        return changed.Value
            ? Roundup(Math.Min(1.08 * (impact + exploitability), 10))
            : Roundup(Math.Min(impact + exploitability, 10));
    }

    /// <summary>Appendix A: the smallest number with one decimal that is ≥ the input, computed on
    /// integers so that 4.000000000000001 rounds to 4.1 only when it truly exceeds 4.0.</summary>
    internal static double Roundup(double value)
    {
        var intInput = (long)Math.Round(value * 100000);
        return intInput % 10000 == 0 ? intInput / 100000.0 : (Math.Floor(intInput / 10000.0) + 1) / 10.0;
    }
}
