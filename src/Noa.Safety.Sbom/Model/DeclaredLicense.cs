namespace Noa.Safety.Sbom;

/// <summary>A licence as the lockfile or manifest declares it.</summary>
/// <param name="Expression">A valid SPDX id or AND/OR expression in canonical case, or null when the text is not one.</param>
/// <param name="Text">The declared text as written.</param>
public sealed record DeclaredLicense(string? Expression, string Text)
{
    /// <summary>True when <see cref="Expression"/> is a single licence id.</summary>
    public bool IsSingleId => Expression is not null && !Expression.Contains(' ', StringComparison.Ordinal);
}
