using System.Text.RegularExpressions;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>Checks a <see cref="DigestBody"/> and names every bad field with the reason.</summary>
internal static partial class DigestValidator
{
    public const int MaxSourceLength = 4096;
    public const int MaxOnly = 32;

    /// <param name="body">The request.</param>
    /// <param name="knownStages">The pipeline's stage names (<see cref="StageCatalogue.Names"/>), to check <c>only</c> against.</param>
    /// <param name="allowLocal">Whether local paths and <c>file://</c> URLs are accepted.</param>
    public static Dictionary<string, string[]> Validate(DigestBody body, IReadOnlyCollection<string> knownStages, bool allowLocal = true)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.Source))
            errors["source"] = ["is required: a path, URL or git locator"];
        else if (body.Source.Length > MaxSourceLength)
            errors["source"] = [$"is longer than {MaxSourceLength} characters"];
        else if (body.Source.Any(char.IsControl))
            errors["source"] = ["contains control characters"];
        else if (!allowLocal && !IsRemote(body.Source.Trim()))
            errors["source"] = ["is a local path or file:// URL, which this gateway refuses (Noa:Gateway:AllowLocalSources): give an http(s), git or ssh URL"];

        if (body.Ref is { } gitRef && (gitRef.Length is 0 or > 255 || gitRef.StartsWith('-') || gitRef.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
            errors["ref"] = ["must be a branch or tag name: 1 to 255 characters, no spaces, not starting with '-'"];
        if (body.Commit is { } commit && !CommitHash().IsMatch(commit))
            errors["commit"] = ["must be a hexadecimal commit id of 4 to 64 digits"];
        if (body.Depth is { } depth && depth is < 1 or > 1_000_000)
            errors["depth"] = ["must be between 1 and 1000000"];
        if (body.Kind is { } kind && !Enum.IsDefined(kind))
            errors["kind"] = ["is not a known source kind"];

        if (body.Policy is { } policy && (policy.Length is 0 or > 64 || !StageName().IsMatch(policy)))
            errors["policy"] = ["must be a kebab-case policy name of at most 64 characters"];

        if (body.Only is { } only)
        {
            var reasons = new List<string>();
            if (only.Count == 0)
                reasons.Add("must name at least one stage when given (leave it out to run every stage)");
            if (only.Count > MaxOnly)
                reasons.Add($"names more than {MaxOnly} stages");
            foreach (var stage in only.Take(MaxOnly))
            {
                if (string.IsNullOrEmpty(stage) || !StageName().IsMatch(stage))
                    reasons.Add($"'{stage}' is not a kebab-case stage name");
                else if (!knownStages.Contains(stage))
                    reasons.Add($"'{stage}' is not a stage; stages: {string.Join(", ", knownStages)}");
            }
            if (reasons.Count > 0)
                errors["only"] = [.. reasons];
        }
        return errors;
    }

    public static DigestRequest ToRequest(DigestBody body, string requestedBy) => new()
    {
        Source = body.Source!.Trim(),
        Kind = body.Kind,
        Ref = body.Ref,
        Commit = body.Commit,
        Depth = body.Depth,
        Submodules = body.Submodules ?? false,
        Only = body.Only,
        Policy = body.Policy,
        RequestedBy = requestedBy,
    };

    /// <summary>A URL with a network scheme, or git's scp-like <c>user@host:path</c>.</summary>
    public static bool IsRemote(string source) =>
        (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "git" or "ssh" && !string.IsNullOrEmpty(uri.Host))
        || ScpLike().IsMatch(source);

    [GeneratedRegex("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/]")]
    private static partial Regex ScpLike();

    [GeneratedRegex("^[0-9a-fA-F]{4,64}$")]
    private static partial Regex CommitHash();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex StageName();
}
