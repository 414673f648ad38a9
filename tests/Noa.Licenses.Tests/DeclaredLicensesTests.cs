namespace Noa.Licenses.Tests;

public sealed class DeclaredLicensesTests
{
    [Theory]
    [InlineData("MIT", "MIT")]
    [InlineData("The Apache Software License, Version 2.0", "Apache-2.0")]
    [InlineData("Apache License 2.0", "Apache-2.0")] // the SPDX list's full name
    [InlineData("BSD Zero Clause License", "0BSD")]
    [InlineData("License :: OSI Approved :: MIT License", "MIT")]
    [InlineData("MIT/Apache-2.0", "MIT OR Apache-2.0")]
    public void Read_NameOrExpression_GivesTheExpression(string text, string expected) =>
        Assert.Equal(expected, DeclaredLicenses.Read(text).Normalized);

    [Theory]
    [InlineData("Custom: see LICENSE")]
    [InlineData("Proprietary")]
    [InlineData("SEE LICENSE IN LICENSE.md")]
    public void Read_OtherText_IsNotAnExpression(string text) => Assert.False(DeclaredLicenses.Read(text).Valid);

    [Fact]
    public void AnyOf_SeveralLicences_IsAChoice()
    {
        Assert.Equal("MIT OR Apache-2.0", DeclaredLicenses.AnyOf(["MIT", "Apache-2.0"])!.Normalized);
        Assert.Equal("MIT OR ISC OR Apache-2.0", DeclaredLicenses.AnyOf(["MIT OR ISC", "Apache-2.0"])!.Normalized);
        Assert.False(DeclaredLicenses.AnyOf(["MIT", "Custom"])!.Valid);
        Assert.Null(DeclaredLicenses.AnyOf([]));
    }
}
