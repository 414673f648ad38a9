namespace Noa.Safety.Vulnerabilities.Cvss;

internal static class CvssVector
{
    /// <summary>Splits "CVSS:3.1/AV:N/..." into its version and metrics; null when malformed or when a
    /// metric repeats.</summary>
    public static (string Version, Dictionary<string, string> Metrics)? Split(string vector)
    {
        var parts = vector.Trim().Split('/');
        if (parts.Length < 2 || !parts[0].StartsWith("CVSS:", StringComparison.Ordinal)) return null;
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in parts[1..])
        {
            var kv = p.Split(':');
            if (kv.Length != 2 || kv[0].Length == 0 || kv[1].Length == 0 || !metrics.TryAdd(kv[0], kv[1])) return null;
        }
        return (parts[0][5..], metrics);
    }
}
