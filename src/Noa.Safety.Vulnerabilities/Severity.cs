namespace Noa.Safety.Vulnerabilities;

/// <summary>Qualitative severity bands of CVSS v3.1 §5 and v4.0 (None 0, Low 0.1-3.9, Medium 4-6.9,
/// High 7-8.9, Critical 9-10); Unknown when an advisory carries neither a vector nor a rating.</summary>
public enum SeverityBand
{
    Unknown,
    None,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>A finding's severity: the band, the base score where it was computed, the vector it came
/// from and how it was obtained (<see cref="Source"/>: "cvss3" or "cvss4" computed from the vector by the FIRST
/// specification's formula, "database" the advisory database's own rating).</summary>
public sealed record Severity(SeverityBand Band, double? Score, string? Vector, string Source)
{
    public static readonly Severity Unknown = new(SeverityBand.Unknown, null, null, "none");

    public static SeverityBand BandOf(double score) => score switch
    {
        0 => SeverityBand.None,
        < 4 => SeverityBand.Low,
        < 7 => SeverityBand.Medium,
        < 9 => SeverityBand.High,
        _ => SeverityBand.Critical,
    };

    /// <summary>GHSA's and npm's words (low, moderate, medium, high, critical) and NuGet's 0-3.</summary>
    public static SeverityBand BandOf(string rating) => rating.Trim().ToLowerInvariant() switch
    {
        "none" => SeverityBand.None,
        "low" or "0" => SeverityBand.Low,
        "moderate" or "medium" or "1" => SeverityBand.Medium,
        "high" or "important" or "2" => SeverityBand.High,
        "critical" or "3" => SeverityBand.Critical,
        _ => SeverityBand.Unknown,
    };
}
