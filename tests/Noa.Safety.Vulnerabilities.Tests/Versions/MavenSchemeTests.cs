using Noa.Safety.Vulnerabilities.Versions;

namespace Noa.Safety.Vulnerabilities.Tests.Versions;

public class MavenSchemeTests
{
    // maven-artifact ComparableVersionTest: VERSIONS_QUALIFIER.
    [Fact]
    public void Compare_Qualifiers_AreAscending() =>
        Ordering.AssertAscending(MavenScheme.Instance, "1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123",
            "1-m2", "1-m11", "1-rc", "1-cr2", "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def",
            "1-pom-1", "1-1-snapshot", "1-1", "1-2", "1-123");

    // maven-artifact ComparableVersionTest: VERSIONS_NUMBER.
    [Fact]
    public void Compare_Numbers_AreAscending() =>
        Ordering.AssertAscending(MavenScheme.Instance, "2.0", "2-1", "2.0.a", "2.0.0.a", "2.0.2", "2.0.123", "2.1.0", "2.1-a",
            "2.1b", "2.1-c", "2.1-1", "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11",
            "11", "11.a", "11b", "11c", "11m");

    [Theory]
    [InlineData("1", "1.0.0")]
    [InlineData("1", "1-0")]
    [InlineData("1.0", "1-ga")]
    [InlineData("1", "1.ga")]
    [InlineData("1", "1-final")]
    [InlineData("1", "1-release")]
    [InlineData("1a1", "1-alpha-1")]
    [InlineData("1b2", "1-beta-2")]
    [InlineData("1m3", "1-milestone-3")]
    [InlineData("1cr", "1rc")]
    [InlineData("1X", "1x")]
    [InlineData("1.0.0-SNAPSHOT", "1-snapshot")]
    public void Compare_Equivalent_Zero(string a, string b) => Assert.Equal(0, MavenScheme.Instance.Compare(a, b));

    [Fact]
    public void Compare_Log4jReleases_AreAscending() =>
        Ordering.AssertAscending(MavenScheme.Instance, "2.0-beta9", "2.0-rc1", "2.0", "2.3", "2.3.1", "2.4", "2.12.1", "2.12.2", "2.13.0", "2.14.1", "2.15.0");
}

public class RubyGemsSchemeTests
{
    [Fact]
    public void Compare_PrereleaseLettersRankBelowRelease() =>
        Ordering.AssertAscending(RubyGemsScheme.Instance, "0.9", "1.0.a", "1.0.a.2", "1.0.b1", "1.0.rc1", "1.0", "1.0.1", "1.8.2.a",
            "1.8.2.a9", "1.8.2.a10", "1.8.2.b", "1.8.2", "1.9.0.dev", "1.9", "2");

    [Theory]
    [InlineData("1.0", "1")]
    [InlineData("1.0.0", "1")]
    [InlineData("1.0.0-rc1", "1.0.0.pre.rc1")]
    [InlineData("1.0.a.0", "1.0.a")]
    [InlineData(" 1.2 ", "1.2")]
    public void Compare_Equivalent_Zero(string a, string b) => Assert.Equal(0, RubyGemsScheme.Instance.Compare(a, b));

    [Theory]
    [InlineData("junk")]
    [InlineData("1..2")]
    public void IsValid_Malformed_False(string v) => Assert.False(RubyGemsScheme.Instance.IsValid(v));
}

public class PackagistSchemeTests
{
    [Fact]
    public void Compare_SpecialForms_FollowVersionCompare() =>
        Ordering.AssertAscending(PackagistScheme.Instance, "1.0.0-dev", "1.0.0-alpha1", "1.0.0-beta", "1.0.0-beta2", "1.0.0-RC1", "1.0.0",
            "1.0.0-pl1", "1.0.1", "1.10.0", "v2.0.0");

    [Theory]
    [InlineData("v1.2.3", "1.2.3")]
    [InlineData("1.0.0-RC1", "1.0.0rc1")]
    [InlineData("1.0.0-alpha1", "1.0.0-a1")]
    public void Compare_Equivalent_Zero(string a, string b) => Assert.Equal(0, PackagistScheme.Instance.Compare(a, b));
}
