using System.Globalization;
using System.Text.RegularExpressions;

namespace Noa.Stages.Integrator.Changes;

/// <summary>
/// The SDK packages' version after a change (semantic versioning): major on a breaking change, minor on additions, patch
/// otherwise; never lower than the API's own version when that is semantic (an API that moved to 2.0.0 gets SDKs 2.0.0).
/// </summary>
internal static partial class SdkVersion
{
    public static string Next(string previous, ChangeLevel level, string apiVersion)
    {
        var (major, minor, patch) = Parse(previous) ?? (0, 1, 0);
        var bumped = level switch
        {
            ChangeLevel.Breaking => (major + 1, 0, 0),
            ChangeLevel.Addition => (major, minor + 1, 0),
            ChangeLevel.Patch => (major, minor, patch + 1),
            _ => (major, minor, patch),
        };
        if (Parse(apiVersion) is { } api && api.CompareTo(bumped) > 0)
            bumped = api;
        return $"{bumped.Item1}.{bumped.Item2}.{bumped.Item3}";
    }

    /// <summary>Major, minor and patch of <c>1.2.3</c> or <c>v1.2.3</c> (a pre-release or build suffix ignored); null otherwise.</summary>
    public static (int, int, int)? Parse(string version)
    {
        var m = Semantic().Match(version.Trim());
        return m.Success ? (Int(m.Groups[1].Value), Int(m.Groups[2].Value), Int(m.Groups[3].Value)) : null;
    }

    private static int Int(string digits) => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue / 2;

    [GeneratedRegex(@"^v?(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:[-+].*)?$")]
    private static partial Regex Semantic();
}
