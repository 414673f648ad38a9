namespace Noa.Safety.Sbom.Parsers.Go;

/// <summary>Orders Go module versions (vMAJOR.MINOR.PATCH[-pre][+incompatible]) as semver does; pseudo-versions are pre-releases.</summary>
internal sealed class GoVersionComparer : IComparer<string>
{
    public static readonly GoVersionComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var (a, b) = (Split(x ?? ""), Split(y ?? ""));
        for (var i = 0; i < 3; i++)
        {
            if (a.Core[i] != b.Core[i])
            {
                return a.Core[i].CompareTo(b.Core[i]);
            }
        }
        // A release sorts after its pre-releases; pre-releases compare by their text (pseudo-version timestamps sort).
        return (a.Pre.Length == 0, b.Pre.Length == 0) switch
        {
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(a.Pre, b.Pre),
        };
    }

    private static (long[] Core, string Pre) Split(string version)
    {
        var v = version.TrimStart('v').Split('+')[0];
        var dash = v.IndexOf('-', StringComparison.Ordinal);
        var core = (dash < 0 ? v : v[..dash]).Split('.').Select(p => long.TryParse(p, out var n) ? n : 0).Concat([0L, 0L, 0L]).Take(3).ToArray();
        return (core, dash < 0 ? "" : v[(dash + 1)..]);
    }
}
