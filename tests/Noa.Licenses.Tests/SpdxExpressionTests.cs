namespace Noa.Licenses.Tests;

/// <summary>The one SPDX expression parser, on the SPDX specification's own examples (Annex D) and the forms manifests
/// write.</summary>
public sealed class SpdxExpressionTests
{
    [Theory]
    [InlineData("MIT", "MIT")]
    [InlineData("mit", "MIT")]
    [InlineData("apache-2.0", "Apache-2.0")]
    [InlineData("MIT OR Apache-2.0", "MIT OR Apache-2.0")]
    [InlineData("(MIT OR Apache-2.0)", "MIT OR Apache-2.0")]
    [InlineData("(MIT OR Apache-2.0) AND BSD-3-Clause", "(MIT OR Apache-2.0) AND BSD-3-Clause")]
    [InlineData("( MIT  AND  ISC )", "MIT AND ISC")]
    [InlineData("MIT OR Apache-2.0 AND ISC", "MIT OR (Apache-2.0 AND ISC)")]
    [InlineData("(MIT OR ISC) OR Apache-2.0", "MIT OR ISC OR Apache-2.0")]
    // Annex D's examples.
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0")]
    [InlineData("LGPL-2.1-only OR MIT", "LGPL-2.1-only OR MIT")]
    [InlineData("LGPL-2.1-only OR MIT OR BSD-3-Clause", "LGPL-2.1-only OR MIT OR BSD-3-Clause")]
    [InlineData("LGPL-2.1-only AND MIT", "LGPL-2.1-only AND MIT")]
    [InlineData("LGPL-2.1-only AND MIT AND BSD-2-Clause", "LGPL-2.1-only AND MIT AND BSD-2-Clause")]
    [InlineData("MIT AND (LGPL-2.1-or-later OR BSD-3-Clause)", "MIT AND (LGPL-2.1-or-later OR BSD-3-Clause)")]
    [InlineData("LGPL-2.1-only OR BSD-3-Clause AND MIT", "LGPL-2.1-only OR (BSD-3-Clause AND MIT)")]
    [InlineData("LicenseRef-23", "LicenseRef-23")]
    [InlineData("LicenseRef-MIT-Style-1", "LicenseRef-MIT-Style-1")]
    [InlineData("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2")]
    [InlineData("LGPL-2.1+", "LGPL-2.1+")]
    [InlineData("Apache-2.0+", "Apache-2.0+")]
    public void Parse_ValidExpression_Normalizes(string input, string expected)
    {
        var result = SpdxExpression.Parse(input);
        Assert.True(result.Valid, result.Error);
        Assert.Equal(expected, result.Normalized);
        Assert.Null(result.Note);
    }

    [Theory]
    [InlineData("MIT/Apache-2.0", "MIT OR Apache-2.0", "'/' read as OR")]
    [InlineData("MIT / Apache-2.0", "MIT OR Apache-2.0", "'/' read as OR")]
    [InlineData("MIT Or ISC", "MIT OR ISC", "'Or'")]
    [InlineData("mit or apache-2.0", "MIT OR Apache-2.0", "'or'")]
    [InlineData("gpl-2.0-or-later with classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0", "'with'")]
    public void Parse_LenientForm_IsReadAndSaysHow(string input, string expected, string note)
    {
        var result = SpdxExpression.Parse(input);
        Assert.True(result.Valid, result.Error);
        Assert.Equal(expected, result.Normalized);
        Assert.Contains(note, result.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("FooBar-1.0", "unknown licence id 'FooBar-1.0'")]
    [InlineData("Not-A-License", "unknown licence id")]
    [InlineData("MIT OR", "unexpected end")]
    [InlineData("MIT AND AND ISC", "unexpected 'AND'")]
    [InlineData("(MIT OR ISC", "missing ')'")]
    [InlineData("((MIT)", "missing ')'")]
    [InlineData("MIT OR ISC)", "unexpected ')'")]
    [InlineData("MIT WITH Foo-exception", "unknown licence exception")]
    [InlineData("MIT WITH", "expected an exception id")]
    [InlineData("/MIT", "invalid character '/'")]
    [InlineData("MIT, ISC", "invalid character ','")]
    [InlineData("MIT\u0001", "invalid character '\\u0001'")]
    [InlineData("UNLICENSED", "UNLICENSED")]
    [InlineData("NOASSERTION", "no licence information")]
    [InlineData("SEE LICENSE IN LICENSE.txt", "refers to a file")]
    [InlineData("LicenseRef-", "malformed")]
    public void Parse_InvalidExpression_ReportsReason(string input, string reason)
    {
        var result = SpdxExpression.Parse(input);
        Assert.False(result.Valid);
        Assert.Null(result.Normalized);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GPL-2.0")]
    [InlineData("GPL-2.0+")]
    [InlineData("LGPL-2.1")]
    public void Parse_DeprecatedId_IsValidAndFlagged(string id)
    {
        var result = SpdxExpression.Parse(id);
        Assert.True(result.Valid);
        Assert.True(result.Deprecated);
        Assert.Equal([id], result.Licenses);
    }

    [Fact]
    public void Parse_Compound_ListsEveryIdOnce() =>
        Assert.Equal(["Apache-2.0", "ISC", "MIT"], SpdxExpression.Parse("(MIT OR Apache-2.0) AND (MIT OR ISC)").Licenses);

    [Fact]
    public void Parse_EveryIdOfTheList_IsValidAndItself()
    {
        var catalog = SpdxCatalog.Instance;
        Assert.True(catalog.Licenses.Count > 500, $"only {catalog.Licenses.Count} licences in the embedded list");
        foreach (var license in catalog.Licenses)
        {
            Assert.Equal(license.Id, SpdxExpression.Parse(license.Id).Normalized);
        }
    }

    [Fact]
    public void Parse_DeepNesting_FailsWithoutCrashing()
    {
        var text = new string('(', 5000) + "MIT" + new string(')', 5000);
        Assert.False(SpdxExpression.Parse(text).Valid);
    }
}
