namespace Noa.Licenses;

/// <summary>What a licence text says, as SPDX.</summary>
/// <param name="Expression">The parsed expression, or null when the text is not one.</param>
/// <param name="Error">Why it is not, when <see cref="Expression"/> is null.</param>
/// <param name="Deprecated">Whether it names a deprecated id (such as <c>GPL-2.0</c>).</param>
/// <param name="Note">How a lenient form was read (<c>'/' read as OR</c>), when it was.</param>
public sealed record SpdxParseResult(LicenseExpression? Expression, string? Error, bool Deprecated = false, string? Note = null)
{
    /// <summary>True when the text is a licence expression whose every id is on the SPDX list (or a
    /// <c>LicenseRef-</c>).</summary>
    public bool Valid => Expression is not null;

    /// <summary>The normalised expression (canonical ids, upper-case operators), when valid.</summary>
    public string? Normalized => Expression?.ToString();

    /// <summary>The canonical ids it names (a legacy <c>+</c> kept), sorted and distinct.</summary>
    public string[] Licenses => Expression is null ? [] : Expression.Ids().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    internal static SpdxParseResult Invalid(string error) => new(null, error);
}
