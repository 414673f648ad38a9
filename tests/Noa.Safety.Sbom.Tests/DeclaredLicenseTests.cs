namespace Noa.Safety.Sbom.Tests;

/// <summary>Licences as the SBOM records them, read by the one licence library (Noa.Licenses).</summary>
public sealed class DeclaredLicenseTests
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
    [InlineData("Apache License 2.0", "Apache-2.0")]
    public void Read_SpdxIdsExpressionsAndNames_GiveTheCanonicalExpression(string text, string expected) =>
        Assert.Equal(expected, DeclaredLicense.Read(text)!.Expression);

    [Theory]
    [InlineData("SEE LICENSE IN LICENSE.md")]
    [InlineData("MIT OR")]
    [InlineData("(MIT")]
    [InlineData("MIT WITH Not-An-Exception")]
    [InlineData("Custom: see LICENSE")]
    [InlineData("Not-A-Licence-1.0")]
    public void Read_OtherText_KeepsTheTextWithoutExpression(string text)
    {
        var license = DeclaredLicense.Read(text)!;
        Assert.Null(license.Expression);
        Assert.Equal(text, license.Text);
    }

    [Fact]
    public void Read_Blank_IsNoLicence() => Assert.Null(DeclaredLicense.Read("  "));

    [Fact]
    public void AnyOf_AnArrayOfLicences_IsAChoice()
    {
        Assert.Equal("MIT OR Apache-2.0", DeclaredLicense.AnyOf(["MIT", "Apache-2.0"])!.Expression);
        Assert.Equal("MIT, Apache-2.0", DeclaredLicense.AnyOf(["MIT", "Apache-2.0"])!.Text);
        Assert.Null(DeclaredLicense.AnyOf(["MIT", "custom"])!.Expression);
    }
}
