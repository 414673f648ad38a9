using System.Text;

namespace Noa.Safety.Sbom;

/// <summary>Builds package URLs as the purl spec writes them: each segment percent-encoded, qualifiers sorted.</summary>
internal static class Purl
{
    public static string Create(string type, string? ns, string name, string? version, IEnumerable<KeyValuePair<string, string>>? qualifiers = null)
    {
        // The spec's per-type rules: these types compare namespace and name case-insensitively, so write them lower-case.
        if (type is "golang" or "npm" or "composer")
        {
            (ns, name) = (ns?.ToLowerInvariant(), name.ToLowerInvariant());
        }
        var sb = new StringBuilder("pkg:").Append(type).Append('/');
        if (!string.IsNullOrEmpty(ns))
        {
            foreach (var segment in ns.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                sb.Append(Encode(segment)).Append('/');
            }
        }
        sb.Append(Encode(name));
        if (!string.IsNullOrEmpty(version))
        {
            sb.Append('@').Append(Encode(version));
        }
        var q = qualifiers?.Where(kv => kv.Value.Length > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        if (q is { Count: > 0 })
        {
            sb.Append('?').AppendJoin('&', q.Select(kv => $"{kv.Key}={Encode(kv.Value)}"));
        }
        return sb.ToString();
    }

    // Uri.EscapeDataString keeps only the unreserved set, which the spec allows unencoded; ':' stays readable.
    private static string Encode(string s) => Uri.EscapeDataString(s).Replace("%3A", ":", StringComparison.Ordinal);
}
