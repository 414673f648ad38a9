using Noa.Safety.Vulnerabilities.Versions;

namespace Noa.Safety.Vulnerabilities.Tests.Versions;

public class SemVerSchemeTests
{
    [Fact]
    public void Compare_SpecPrecedenceExample_IsAscending() =>
        // semver.org §11.4's example, extended with numeric identifiers compared as numbers.
        Ordering.AssertAscending(SemVerScheme.Instance, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
            "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0");

    [Theory]
    [InlineData("1.0.0+build.1", "1.0.0+build.2")]
    [InlineData("1.0.0-rc.1+sha.5114f85", "1.0.0-rc.1")]
    [InlineData("v1.2.3", "1.2.3")]
    [InlineData("=1.2.3", "1.2.3")]
    public void Compare_BuildMetadataAndPrefix_AreIgnored(string a, string b) => Assert.Equal(0, SemVerScheme.Instance.Compare(a, b));

    [Theory]
    [InlineData("1.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-a..b")]
    [InlineData("1.0.0.0")]
    [InlineData("a.b.c")]
    public void IsValid_NotSemVer_False(string version) => Assert.False(SemVerScheme.Instance.IsValid(version));

    [Fact]
    public void Compare_Invalid_Throws() => Assert.Throws<FormatException>(() => SemVerScheme.Instance.Compare("1.0", "1.0.0"));

    [Fact]
    public void Compare_HugeNumbers_CompareNumerically() =>
        Ordering.AssertAscending(SemVerScheme.Instance, "1.0.0-9", "1.0.0-10", "99999999999999999999.0.0", "100000000000000000000.0.0");
}

public class GoSchemeTests
{
    [Fact]
    public void Compare_PseudoVersions_OrderByBaseThenTime() =>
        Ordering.AssertAscending(GoScheme.Instance,
            "v0.0.0-20191109021931-daa7c04131f5",
            "v0.0.0-20200101000000-aaaaaaaaaaaa",
            "v1.2.3",
            "v1.2.4-0.20191109021931-daa7c04131f5",
            "v1.2.4-pre",
            "v1.2.4-pre.0.20191109021931-daa7c04131f5",
            "v1.2.4");

    [Theory]
    [InlineData("v2.0.0+incompatible", "v2.0.0")]
    [InlineData("v1.2.3", "1.2.3")]
    public void Compare_IncompatibleAndMissingV_Equal(string a, string b) => Assert.Equal(0, GoScheme.Instance.Compare(a, b));

    [Fact]
    public void Compare_Incompatible_OrdersByVersion() =>
        Ordering.AssertAscending(GoScheme.Instance, "v2.0.0+incompatible", "v2.1.0+incompatible", "v3.0.0+incompatible");

    // The SBOM's go.sum reader ordered prereleases as text: rc.10 below rc.9.
    [Fact]
    public void Compare_NumericPrereleaseIdentifiers_AsNumbers() =>
        Ordering.AssertAscending(GoScheme.Instance, "v1.0.0-rc.2", "v1.0.0-rc.9", "v1.0.0-rc.10", "v1.0.0");

    [Fact]
    public void GoVersion_Comparer_AgreesWithTheScheme_AndPutsNonVersionsFirst()
    {
        string[] versions = ["v1.0.0", "v1.0.0-rc.10", "v0.0.0-20191109021931-daa7c04131f5", "v1.0.0-rc.9", "not-a-version", "v2.0.0+incompatible"];
        Assert.Equal(["not-a-version", "v0.0.0-20191109021931-daa7c04131f5", "v1.0.0-rc.9", "v1.0.0-rc.10", "v1.0.0", "v2.0.0+incompatible"],
            versions.Order(GoVersion.Comparer));
    }
}

public class NuGetSchemeTests
{
    [Fact]
    public void Compare_LegacyAndSemVer2_IsAscending() =>
        Ordering.AssertAscending(NuGetScheme.Instance, "1.0.0-alpha", "1.0.0-alpha.2", "1.0.0-alpha.10", "1.0.0-beta",
            "1.0.0", "1.0.0.1", "1.0.1", "1.0.1.5", "1.1", "4.5.0", "12.0.1", "13.0.1");

    [Theory]
    [InlineData("1.0", "1.0.0.0")]
    [InlineData("1", "1.0.0")]
    [InlineData("1.0.0-ALPHA", "1.0.0-alpha")]
    [InlineData("1.0.0-Beta.RC", "1.0.0-beta.rc")]
    [InlineData("1.0.0+git.abc", "1.0.0")]
    [InlineData("01.002.3", "1.2.3")]
    public void Compare_Equivalent_Zero(string a, string b) => Assert.Equal(0, NuGetScheme.Instance.Compare(a, b));

    [Theory]
    [InlineData("1.0.0.0.0")]
    [InlineData("1.0-")]
    [InlineData("x")]
    public void IsValid_Malformed_False(string v) => Assert.False(NuGetScheme.Instance.IsValid(v));
}
