namespace Noa.Licenses.Tests;

/// <summary>Allow and deny lists against expressions: a choice is denied only when every option is, a combination when
/// any part is; deprecated and legacy ids mean their current equivalents.</summary>
public sealed class EvaluationTests
{
    private static LicenseExpression Parse(string text) => SpdxExpression.Parse(text).Expression ?? throw new InvalidOperationException(text);

    [Theory]
    [InlineData("AGPL-3.0-only", true)]
    [InlineData("MIT OR AGPL-3.0-only", false)]
    [InlineData("MIT AND AGPL-3.0-only", true)]
    [InlineData("AGPL-3.0", true)] // deprecated: means AGPL-3.0-only
    [InlineData("agpl-3.0-only", true)]
    [InlineData("GPL-2.0-or-later WITH Classpath-exception-2.0", false)]
    [InlineData("(AGPL-3.0-only OR SSPL-1.0) AND MIT", true)]
    public void Denied(string expression, bool denied) =>
        Assert.Equal(denied, Parse(expression).Denied(["AGPL-3.0-only", "SSPL-1.0"]));

    [Theory]
    [InlineData("MIT", true)]
    [InlineData("MIT OR GPL-3.0-only", true)]
    [InlineData("MIT AND GPL-3.0-only", false)]
    [InlineData("BSD-3-Clause", false)]
    [InlineData("GPL-2.0+", true)] // GPL-2.0-or-later may be used under GPL-2.0-only
    [InlineData("GPL-2.0-or-later", true)]
    [InlineData("GPL-2.0", true)]
    [InlineData("GPL-3.0-only", false)]
    public void Allowed(string expression, bool allowed) =>
        Assert.Equal(allowed, Parse(expression).Allowed(["MIT", "Apache-2.0", "GPL-2.0-only"]));

    [Theory]
    [InlineData("GPL-2.0", "GPL-2.0-only")]
    [InlineData("GPL-2.0+", "GPL-2.0-or-later")]
    [InlineData("lgpl-2.1", "LGPL-2.1-only")]
    [InlineData("Apache-2.0+", "Apache-2.0+")]
    [InlineData("MIT", "MIT")]
    public void Equivalent(string id, string expected) => Assert.Equal(expected, SpdxCatalog.Instance.Equivalent(id));
}
