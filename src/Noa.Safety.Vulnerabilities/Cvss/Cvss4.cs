namespace Noa.Safety.Vulnerabilities.Cvss;

/// <summary>CVSS v4.0: the vector is validated (all eleven base metrics, known values) and mapped to a
/// severity band by a documented estimate, NOT the FIRST v4.0 score (which needs the spec's 270-entry
/// macrovector table): no impact on any system → None; a High impact on the vulnerable system
/// (VC/VI/VA:H) reachable over the network with no complexity, attack requirements, privileges or
/// user interaction → Critical; any other High impact (also SI/SA:H) → High; a Low impact → Medium,
/// or Low when physical access or high privileges with active user interaction are needed. The
/// matcher prefers the advisory database's own rating over this estimate.</summary>
internal static class Cvss4
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["AV"] = ["N", "A", "L", "P"], ["AC"] = ["L", "H"], ["AT"] = ["N", "P"], ["PR"] = ["N", "L", "H"],
        ["UI"] = ["N", "P", "A"], ["VC"] = ["H", "L", "N"], ["VI"] = ["H", "L", "N"], ["VA"] = ["H", "L", "N"],
        ["SC"] = ["H", "L", "N"], ["SI"] = ["H", "L", "N"], ["SA"] = ["H", "L", "N"],
    };

    public static SeverityBand? EstimateBand(string vector)
    {
        if (CvssVector.Split(vector) is not ("4.0", { } m)) return null;
        if (Allowed.Any(kv => !m.TryGetValue(kv.Key, out var v) || !kv.Value.Contains(v))) return null;
        string[] vulnerable = [m["VC"], m["VI"], m["VA"]], subsequent = [m["SC"], m["SI"], m["SA"]];
        if (vulnerable.Concat(subsequent).All(v => v == "N")) return SeverityBand.None;
        var easy = m["AV"] == "N" && m["AC"] == "L" && m["AT"] == "N" && m["PR"] == "N" && m["UI"] == "N";
        if (vulnerable.Contains("H")) return easy ? SeverityBand.Critical : SeverityBand.High;
        if (subsequent.Contains("H")) return SeverityBand.High;
        return m["AV"] == "P" || (m["PR"] == "H" && m["UI"] == "A") ? SeverityBand.Low : SeverityBand.Medium;
    }
}
