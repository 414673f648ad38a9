using Noa.Licenses;

namespace Noa.Safety.Sbom;

/// <summary>A licence as the lockfile or manifest declares it.</summary>
/// <param name="Expression">A valid SPDX id or expression, normalised by the licence library, or null when the text is not one.</param>
/// <param name="Text">The declared text as written.</param>
public sealed record DeclaredLicense(string? Expression, string Text)
{
    /// <summary>True when <see cref="Expression"/> is a single licence id.</summary>
    public bool IsSingleId => Expression is not null && !Expression.Contains(' ', StringComparison.Ordinal);

    /// <summary>What the licence library reads in <paramref name="text"/>; null for blank text.</summary>
    public static DeclaredLicense? Read(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : new DeclaredLicense(DeclaredLicenses.Read(text).Normalized, text.Trim());

    /// <summary>Several licences declared at once (composer's and npm's arrays) mean any of them.</summary>
    public static DeclaredLicense? AnyOf(IReadOnlyList<string> texts)
    {
        var kept = texts.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList();
        return kept.Count == 0 ? null : new DeclaredLicense(DeclaredLicenses.AnyOf(kept)!.Normalized, string.Join(", ", kept));
    }
}
