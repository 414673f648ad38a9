using Noa.Safety.Sbom.Licenses;

namespace Noa.Safety.Sbom.Tests;

public sealed class LicenseNormalizerTests
{
    [Theory]
    [InlineData("MIT", "MIT")]
    [InlineData("mit", "MIT")]
    [InlineData("apache-2.0", "Apache-2.0")]
    [InlineData("(MIT OR Apache-2.0)", "MIT OR Apache-2.0")]
    [InlineData("MIT/Apache-2.0", "MIT OR Apache-2.0")]
    [InlineData("MIT AND (BSD-3-Clause OR ISC)", "MIT AND (BSD-3-Clause OR ISC)")]
    [InlineData("MIT OR Apache-2.0 AND ISC", "MIT OR (Apache-2.0 AND ISC)")]
    [InlineData("GPL-2.0-or-later WITH Classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0")]
    [InlineData("LicenseRef-Company", "LicenseRef-Company")]
    [InlineData("GPL-2.0+", "GPL-2.0+")]
    public void Normalize_SpdxIdsAndExpressions_GivesCanonicalExpression(string text, string expected)
    {
        Assert.Equal(expected, LicenseNormalizer.Normalize(text)!.Expression);
    }

    [Theory]
    [InlineData("Apache License 2.0")]
    [InlineData("SEE LICENSE IN LICENSE.md")]
    [InlineData("MIT OR")]
    [InlineData("(MIT")]
    [InlineData("MIT WITH Not-An-Exception")]
    [InlineData("Custom: see LICENSE")]
    public void Normalize_OtherText_KeepsTheTextWithoutExpression(string text)
    {
        var license = LicenseNormalizer.Normalize(text)!;
        Assert.Null(license.Expression);
        Assert.Equal(text, license.Text);
    }

    [Fact]
    public void Normalize_Blank_IsNoLicence() => Assert.Null(LicenseNormalizer.Normalize("  "));
}
