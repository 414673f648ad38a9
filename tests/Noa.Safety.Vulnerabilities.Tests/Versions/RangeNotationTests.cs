using Noa.Safety.Vulnerabilities.Versions;

namespace Noa.Safety.Vulnerabilities.Tests.Versions;

public class NpmRangeTests
{
    [Theory]
    [InlineData("<4.17.19", "4.17.15", true)]
    [InlineData("<4.17.19", "4.17.19", false)]
    [InlineData(">=1.0.0 <1.2.6", "1.2.0", true)]
    [InlineData(">= 1.0.0 < 1.2.6", "1.2.6", false)]
    [InlineData("<0.2.4 || >=1.0.0 <1.2.6", "0.2.3", true)]
    [InlineData("<0.2.4 || >=1.0.0 <1.2.6", "0.5.0", false)]
    [InlineData("1.2.3 - 2.3.4", "2.3.4", true)]
    [InlineData("1.2 - 2", "2.0.0", true)]
    [InlineData("^1.2.3", "1.9.9", true)]
    [InlineData("^1.2.3", "2.0.0", false)]
    [InlineData("^0.2.3", "0.3.0", false)]
    [InlineData("^0.0.3", "0.0.4", false)]
    [InlineData("~1.2.3", "1.2.9", true)]
    [InlineData("~1.2.3", "1.3.0", false)]
    [InlineData("*", "9.9.9", true)]
    [InlineData("<=2.0.0", "2.0.0", true)]
    [InlineData("=2.0.0", "2.0.1", false)]
    // node-semver's README ("Advanced Range Syntax"): X-ranges, partial tilde and caret ranges. The hand-written
    // parser read ~1 as <1.1.0 (missing 1.5.0) and threw on 1.x and >=1.2.x.
    [InlineData("~1", "1.5.0", true)]
    [InlineData("~1", "2.0.0", false)]
    [InlineData("~1.2", "1.2.9", true)]
    [InlineData("~1.2", "1.3.0", false)]
    [InlineData("~0.2.3", "0.2.9", true)]
    [InlineData("~0.2.3", "0.3.0", false)]
    [InlineData("1.x", "1.5.0", true)]
    [InlineData("1.x", "2.0.0", false)]
    [InlineData("1.2.x", "1.2.7", true)]
    [InlineData("1.2.x", "1.3.0", false)]
    [InlineData(">=1.2.x", "1.3.0", true)]
    [InlineData(">=1.2.x", "1.1.9", false)]
    [InlineData("1.2.3 - 2.3", "2.3.9", true)]
    [InlineData("1.2.3 - 2.3", "2.4.0", false)]
    [InlineData("1.2.3 - 2", "2.9.9", true)]
    [InlineData("1.2.3 - 2", "3.0.0", false)]
    [InlineData("^1.2.x", "1.9.0", true)]
    [InlineData("^0.0.x", "0.0.9", true)]
    [InlineData("^0.0.x", "0.1.0", false)]
    [InlineData("^1.x", "1.9.9", true)]
    [InlineData("^0.x", "0.9.9", true)]
    [InlineData("^0.x", "1.0.0", false)]
    [InlineData("<1.2.3-beta.2", "1.2.3-beta.1", true)]
    public void Satisfies_AdvisoryRanges(string range, string version, bool expected) =>
        Assert.Equal(expected, NpmRange.Satisfies(range, version));

    [Theory]
    [InlineData("<0.2.4 || >=1.0.0 <1.2.6", "1.2.0", "1.2.6")]
    [InlineData("<0.2.4 || >=1.0.0 <1.2.6", "0.1.0", "0.2.4")]
    [InlineData("<=4.17.20", "4.17.15", null)]
    [InlineData("~1", "1.5.0", "2.0.0")]
    [InlineData(">=1.2.x <1.4.0", "1.3.0", "1.4.0")]
    public void FixedAbove_SmallestUpperBound(string range, string version, string? expected) =>
        Assert.Equal(expected, NpmRange.FixedAbove(range, version));
}

public class NuGetRangeTests
{
    [Theory]
    [InlineData("[, 13.0.1)", "12.0.1", true)]
    [InlineData("(, 13.0.1)", "13.0.1", false)]
    [InlineData("[4.0.0, 4.5.1)", "4.5.0", true)]
    [InlineData("[4.0.0, 4.5.1)", "3.9.0", false)]
    [InlineData("(4.0.0, 4.5.1]", "4.0.0", false)]
    [InlineData("(4.0.0, 4.5.1]", "4.5.1", true)]
    [InlineData("[1.0]", "1.0.0.0", true)]
    [InlineData("[1.0]", "1.0.1", false)]
    [InlineData("1.0", "7.0.0", true)]
    [InlineData("1.0", "1.0.0-beta", false)]
    [InlineData("[1.0.0-BETA, 2.0.0)", "1.0.0-beta", true)]
    public void Contains_IntervalNotation(string range, string version, bool expected) =>
        Assert.Equal(expected, NuGetRange.Parse(range).Contains(version));

    [Theory]
    [InlineData("[, 13.0.1)", "13.0.1")]
    [InlineData("[1.0, 2.0]", null)]
    public void FixedVersion_IsExclusiveUpperBound(string range, string? expected) => Assert.Equal(expected, NuGetRange.Parse(range).FixedVersion);

    [Theory]
    [InlineData("[1.0")]
    [InlineData("(1.0)")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public void Parse_Malformed_Throws(string range) => Assert.Throws<FormatException>(() => NuGetRange.Parse(range));
}
