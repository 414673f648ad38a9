using Noa.Stages.Classifier.Licenses;

namespace Noa.Stages.Classifier.Tests.Licenses;

public sealed class SpdxExpressionTests
{
    [Theory]
    [InlineData("MIT", "MIT")]
    [InlineData("mit", "MIT")]
    [InlineData("apache-2.0", "Apache-2.0")]
    [InlineData("MIT OR Apache-2.0", "MIT OR Apache-2.0")]
    [InlineData("mit or apache-2.0", "MIT OR Apache-2.0")]
    [InlineData("(MIT OR Apache-2.0) AND BSD-3-Clause", "(MIT OR Apache-2.0) AND BSD-3-Clause")]
    [InlineData("( MIT  AND  ISC )", "(MIT AND ISC)")]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0")]
    [InlineData("gpl-2.0-or-later with classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0")]
    [InlineData("LGPL-2.1+", "LGPL-2.1+")]
    [InlineData("Apache-2.0+", "Apache-2.0+")]
    [InlineData("LicenseRef-Proprietary", "LicenseRef-Proprietary")]
    [InlineData("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2")]
    [InlineData("MIT AND (LGPL-2.1-or-later OR BSD-3-Clause)", "MIT AND (LGPL-2.1-or-later OR BSD-3-Clause)")]
    public void Parse_ValidExpression_Normalizes(string input, string expected)
    {
        var result = SpdxExpression.Parse(input);
        Assert.True(result.Valid, result.Error);
        Assert.Equal(expected, result.Normalized);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("FooBar-1.0", "unknown licence id 'FooBar-1.0'")]
    [InlineData("MIT OR", "unexpected end")]
    [InlineData("MIT AND AND ISC", "unexpected 'AND'")]
    [InlineData("(MIT OR ISC", "missing ')'")]
    [InlineData("MIT OR ISC)", "unexpected ')'")]
    [InlineData("MIT WITH Foo-exception", "unknown licence exception")]
    [InlineData("MIT WITH", "expected an exception id")]
    [InlineData("MIT/Apache-2.0", "invalid character '/'")]
    [InlineData("MIT, ISC", "invalid character ','")]
    [InlineData("UNLICENSED", "UNLICENSED")]
    [InlineData("SEE LICENSE IN LICENSE.txt", "refers to a file")]
    [InlineData("LicenseRef-", "malformed")]
    [InlineData("MIT Or ISC", "unexpected 'Or'")]
    public void Parse_InvalidExpression_ReportsReason(string input, string reason)
    {
        var result = SpdxExpression.Parse(input);
        Assert.False(result.Valid);
        Assert.Null(result.Normalized);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeprecatedId_IsValidAndFlagged()
    {
        var result = SpdxExpression.Parse("GPL-2.0");
        Assert.True(result.Valid);
        Assert.True(result.Deprecated);
        Assert.Equal(["GPL-2.0"], result.Licenses);
    }

    [Fact]
    public void Parse_Compound_ListsEveryIdOnce()
    {
        var result = SpdxExpression.Parse("(MIT OR Apache-2.0) AND (MIT OR ISC)");
        Assert.Equal(["Apache-2.0", "ISC", "MIT"], result.Licenses);
    }
}
