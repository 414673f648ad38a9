namespace Noa.Stages.Classifier.Licenses;

/// <summary>The outcome of parsing an SPDX licence expression.</summary>
/// <param name="Valid">Whether the expression is well-formed and every id is known.</param>
/// <param name="Normalized">The expression with canonical ids and upper-case operators, when valid.</param>
/// <param name="Licenses">Canonical licence ids it names (with <c>+</c> kept), sorted.</param>
/// <param name="Error">Why it is invalid.</param>
/// <param name="Deprecated">Whether it names a deprecated id (such as <c>GPL-2.0</c>).</param>
internal sealed record SpdxExpressionResult(bool Valid, string? Normalized, string[] Licenses, string? Error, bool Deprecated = false)
{
    public static SpdxExpressionResult Invalid(string error) => new(false, null, [], error);
}
