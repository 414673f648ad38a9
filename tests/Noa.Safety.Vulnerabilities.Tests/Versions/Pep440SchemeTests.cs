using Noa.Safety.Vulnerabilities.Versions;

namespace Noa.Safety.Vulnerabilities.Tests.Versions;

public class Pep440SchemeTests
{
    [Fact]
    public void Compare_SpecSummaryOfPermittedSuffixes_IsAscending() =>
        // PEP 440 "Summary of permitted suffixes and relative ordering", with local versions added
        // where packaging puts them (after the public version, numeric segments above letters).
        Ordering.AssertAscending(Pep440Scheme.Instance, "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
            "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0",
            "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1");

    [Fact]
    public void Compare_Epoch_WinsOverRelease() =>
        Ordering.AssertAscending(Pep440Scheme.Instance, "2013.10", "2014.04", "1!1.0", "1!1.1", "2!0.1");

    [Theory]
    [InlineData("1.0", "1.0.0")]
    [InlineData("1.0-ALPHA.1", "1.0a1")]
    [InlineData("1.0alpha1", "1.0a1")]
    [InlineData("1.0.beta2", "1.0b2")]
    [InlineData("1.0c1", "1.0rc1")]
    [InlineData("1.0-preview_1", "1.0rc1")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("1.0.rev2", "1.0.post2")]
    [InlineData("1.0-r", "1.0.post0")]
    [InlineData("1.0dev", "1.0.dev0")]
    [InlineData("v1.0", "1.0")]
    [InlineData(" 1.0 ", "1.0")]
    [InlineData("0!1.0", "1.0")]
    [InlineData("1.0+Ubuntu-1", "1.0+ubuntu.1")]
    public void Compare_NormalisedSpellings_Equal(string a, string b) => Assert.Equal(0, Pep440Scheme.Instance.Compare(a, b));

    [Theory]
    [InlineData("1.0-ALPHA.1", "1.0a1")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("1!2.0.0-RC_3.post4.dev5+Local_X", "1!2.0.0rc3.post4.dev5+local.x")]
    [InlineData("v01.02", "1.2")]
    public void Normalise_GivesCanonicalForm(string input, string expected) => Assert.Equal(expected, Pep440Scheme.Normalise(input));

    [Theory]
    [InlineData("1.0-foo")]
    [InlineData("french toast")]
    [InlineData("1.0+")]
    [InlineData("1.0.")]
    public void IsValid_NotPep440_False(string v) => Assert.False(Pep440Scheme.Instance.IsValid(v));
}
