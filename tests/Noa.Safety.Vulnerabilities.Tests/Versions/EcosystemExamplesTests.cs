using Noa.Safety.Vulnerabilities.Versions;

namespace Noa.Safety.Vulnerabilities.Tests.Versions;

/// <summary>The hand-written schemes against each ecosystem's own published examples: RubyGems' test_gem_version.rb
/// (ruby/rubygems) and PHP's version_compare test (php-src ext/standard/tests/versioning/version_compare.phpt). PEP 440's
/// and Maven's (ComparableVersionTest) are in their own test classes.</summary>
public sealed class EcosystemExamplesTests
{
    // test_gem_version.rb test_spaceship: (expected sign, left, right).
    [Theory]
    [InlineData(0, "1.0", "1.0.0")]
    [InlineData(1, "1.0", "1.0.a")]
    [InlineData(1, "1.8.2", "0.0.0")]
    [InlineData(1, "1.8.2", "1.8.2.a")]
    [InlineData(1, "1.8.2.b", "1.8.2.a")]
    [InlineData(-1, "1.8.2.a", "1.8.2")]
    [InlineData(1, "1.8.2.a10", "1.8.2.a9")]
    [InlineData(0, "", "0")]
    [InlineData(0, "0.beta.1", "0.0.beta.1")]
    [InlineData(-1, "0.0.beta", "0.0.beta.1")]
    [InlineData(-1, "0.0.beta", "0.beta.1")]
    [InlineData(-1, "5.a", "5.0.0.rc2")]
    [InlineData(1, "5.x", "5.0.0.rc2")]
    [InlineData(0, "1.9.3", "1.9.3")]
    [InlineData(1, "1.9.3", "1.9.2.99")]
    [InlineData(-1, "1.9.3", "1.9.3.1")]
    // test_equals2, test_initialize, test_canonical_segments, the sort-key tests and test_frozen_version.
    [InlineData(0, "1.2.b1", "1.2.b.1")]
    [InlineData(0, "1.0", " 1.0 ")]
    [InlineData(0, "1.0", "1.0\n")]
    [InlineData(0, "1.0", "\n1.0\n")]
    [InlineData(0, "1", "1.0.0")]
    [InlineData(0, "1.a.1", "1.0.0.a.1.0")]
    [InlineData(0, "1.2.3.pre.1", "1.2.3-1")]
    [InlineData(1, "1.0.0", "0.0.1.20220404083012")]
    [InlineData(1, "0.7.0", "0.6.63000")]
    [InlineData(-1, "18.0.1", "18.0.2")]
    [InlineData(-1, "1.freeze.test", "1")]
    // test_hyphen_and_dot_prerelease_are_the_same_version: a hyphen before a number is a prerelease.
    [InlineData(-1, "1.0.0-1", "1.0.0.1")]
    public void RubyGems_TestGemVersion(int sign, string left, string right) =>
        Assert.Equal(sign, Math.Sign(RubyGemsScheme.Instance.Compare(left, right)));

    // test_semver.
    [Fact]
    public void RubyGems_TestSemver_IsAscending() =>
        Ordering.AssertAscending(RubyGemsScheme.Instance, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");

    [Fact]
    public void RubyGems_TestSemver_PrereleasesBelowTheirRelease()
    {
        Assert.True(RubyGemsScheme.Instance.Compare("1.0.0-rc1", "1.0.0") < 0);
        Assert.True(RubyGemsScheme.Instance.Compare("1.0.0-1", "1") < 0);
    }

    // test_initialize_invalid, with the CVE-2013-4287 string.
    [Theory]
    [InlineData("junk")]
    [InlineData("1.0\n2.0")]
    [InlineData("1..2")]
    [InlineData("1.2 3.4")]
    [InlineData("2.3422222.222.222222222.22222.ads0as.dasd0.ddd2222.2.qd3e.")]
    public void RubyGems_TestInitializeInvalid(string version) => Assert.False(RubyGemsScheme.Instance.IsValid(version));

    // version_compare.phpt "TESTING COMPARE".
    [Theory]
    [InlineData(-1, "1", "2")]
    [InlineData(1, "10", "2")]
    [InlineData(-1, "1.0", "1.1")]
    [InlineData(1, "1.2", "1.0.1")]
    [InlineData(0, "1.2(message)", "1.2(message)")]
    public void Php_VersionCompare(int sign, string left, string right) =>
        Assert.Equal(sign, Math.Sign(PackagistScheme.Instance.Compare(left, right)));

    // version_compare.phpt: every pair of "1.0" with the special forms -dev, a1, b1, RC1, rc1, (none), pl1.
    [Fact]
    public void Php_VersionCompare_SpecialForms()
    {
        (string Form, int Rank)[] forms = [("-dev", 0), ("a1", 1), ("b1", 2), ("RC1", 3), ("rc1", 3), ("", 4), ("pl1", 5)];
        foreach (var (f1, r1) in forms)
        {
            foreach (var (f2, r2) in forms)
            {
                Assert.True(Math.Sign(r1.CompareTo(r2)) == Math.Sign(PackagistScheme.Instance.Compare("1.0" + f1, "1.0" + f2)), $"1.0{f1} vs 1.0{f2}");
            }
        }
    }
}
