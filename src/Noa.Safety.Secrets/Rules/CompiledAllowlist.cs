using System.Text.RegularExpressions;

namespace Noa.Safety.Secrets.Rules;

/// <summary>An allowlist with its patterns compiled.</summary>
internal sealed record CompiledAllowlist(
    AllowlistCondition Condition, AllowlistTarget Target, Regex[] Regexes, Regex[] Paths, string[] StopWords, string[] Commits)
{
    public bool AllowsPath(string path) =>
        Paths.Length > 0 && Paths.Any(p => p.IsMatch(path)) &&
        (Condition == AllowlistCondition.Or || (Regexes.Length == 0 && StopWords.Length == 0 && Commits.Length == 0));

    public bool Allows(string path, string? commit, string secret, string match, string line)
    {
        var target = Target switch { AllowlistTarget.Match => match, AllowlistTarget.Line => line, _ => secret };
        bool? byCommit = Commits.Length == 0 ? null : commit is not null && Commits.Contains(commit, StringComparer.OrdinalIgnoreCase);
        bool? byPath = Paths.Length == 0 ? null : Paths.Any(p => p.IsMatch(path));
        bool? byRegex = Regexes.Length == 0 ? null : Regexes.Any(r => r.IsMatch(target));
        bool? byStop = StopWords.Length == 0 ? null : StopWords.Any(w => secret.Contains(w, StringComparison.OrdinalIgnoreCase));
        bool?[] checks = [byCommit, byPath, byRegex, byStop];
        var configured = checks.Where(c => c.HasValue).Select(c => c!.Value).ToArray();
        if (configured.Length == 0) { return false; }
        return Condition == AllowlistCondition.And ? configured.All(c => c) : configured.Any(c => c);
    }
}
