using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Stages.Integrator.Changes;

/// <summary>
/// What changed in an API since the last digest of the same source: <c>sdk/changes.json</c> (machine-readable) and an entry
/// on top of <c>sdk/CHANGELOG.md</c> (the earlier digest's entries kept below it), breaking changes first. No change, no entry.
/// </summary>
internal static class Changelog
{
    public const string MarkdownName = "CHANGELOG.md";
    public const string JsonName = "changes.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary><c>changes.json</c>.</summary>
    /// <param name="PreviousRun">The run whose snapshot this one is compared with.</param>
    /// <param name="Level">The highest level among the changes (<c>none</c> when nothing changed).</param>
    public sealed record Document(string PreviousRun, string PreviousSdkVersion, string SdkVersion, ChangeLevel Level, List<ApiChange> Changes)
    {
        public int SchemaVersion { get; init; } = 1;
    }

    public static ChangeLevel LevelOf(IEnumerable<ApiChange> changes) => changes.Select(c => c.Level).DefaultIfEmpty(ChangeLevel.None).Max();

    /// <summary>The Markdown: the new entry (when anything changed) above the earlier file's entries.</summary>
    public static string Markdown(string title, Document document, DateTimeOffset when, string? earlier)
    {
        var text = new StringBuilder();
        text.Append("# Changelog of the ").Append(Plain(title)).Append(" SDKs\n\n");
        if (document.Changes.Count > 0)
        {
            text.Append("## ").Append(document.SdkVersion).Append(" (").Append(when.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .Append(")\n\nCompared with the digest of run `").Append(Plain(document.PreviousRun)).Append("` (SDK ").Append(document.PreviousSdkVersion)
                .Append("): ").Append(document.Level switch
                {
                    ChangeLevel.Breaking => "breaking changes, so the major version moves.",
                    ChangeLevel.Addition => "additions only, so the minor version moves.",
                    _ => "compatible changes only, so the patch version moves.",
                }).Append("\n\n");
            foreach (var (level, heading) in new[] { (ChangeLevel.Breaking, "Breaking changes"), (ChangeLevel.Addition, "Additions"), (ChangeLevel.Patch, "Other changes") })
            {
                var these = document.Changes.Where(c => c.Level == level).ToList();
                if (these.Count == 0)
                    continue;
                text.Append("### ").Append(heading).Append("\n\n");
                foreach (var change in these)
                    text.Append("- `").Append(Plain(change.Subject)).Append("`: ").Append(Plain(change.Detail)).Append('\n');
                text.Append('\n');
            }
        }
        if (earlier is not null && earlier.IndexOf("\n## ", StringComparison.Ordinal) is var at and >= 0)
            text.Append(earlier[(at + 1)..].TrimEnd()).Append('\n');
        return text.ToString();
    }

    // Names come from the spec: keep them on one line and out of Markdown code spans' way.
    private static string Plain(string text) => new(text.Select(c => char.IsControl(c) || c == '`' ? ' ' : c).ToArray());
}
