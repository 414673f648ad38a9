using Noa.Safety.Sbom.Parsers;

namespace Noa.Safety.Sbom.Tests;

public sealed class PurlAndHashTests
{
    [Theory]
    [InlineData("npm", "@angular", "core", "17.0.0", "pkg:npm/%40angular/core@17.0.0")]
    [InlineData("maven", "org.apache.commons", "commons-lang3", "3.14.0", "pkg:maven/org.apache.commons/commons-lang3@3.14.0")]
    [InlineData("golang", "github.com/gorilla", "mux", "v1.8.1", "pkg:golang/github.com/gorilla/mux@v1.8.1")]
    [InlineData("pypi", null, "django", null, "pkg:pypi/django")]
    [InlineData("golang", "github.com/Masterminds", "Semver", "v3.2.1", "pkg:golang/github.com/masterminds/semver@v3.2.1")]
    [InlineData("maven", "org.Example", "Lib", "1", "pkg:maven/org.Example/Lib@1")]
    [InlineData("nuget", null, "Newtonsoft.Json", "13.0.3+build", "pkg:nuget/Newtonsoft.Json@13.0.3%2Bbuild")]
    public void Create_EncodesSegmentsAsThePurlSpec(string type, string? ns, string name, string? version, string expected)
    {
        Assert.Equal(expected, Purl.Create(type, ns, name, version));
    }

    [Fact]
    public void Create_Qualifiers_AreSortedAndEncoded()
    {
        Assert.Equal("pkg:cargo/x@1?a=1&vcs_url=git%2Bhttps:%2F%2Fh%2Fr%231",
            Purl.Create("cargo", null, "x", "1", [new("vcs_url", "git+https://h/r#1"), new("a", "1")]));
    }

    [Fact]
    public void FromIntegrity_Sha512Base64_GivesHex()
    {
        var hash = Assert.Single(Hashes.FromIntegrity("sha512-" + Convert.ToBase64String(new byte[64]) + " md5-AAAA"));
        Assert.Equal(new ComponentHash("SHA-512", new string('0', 128)), hash);
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha256")]
    public void FromPrefixed_BadOrUnsupported_IsNull(string value) => Assert.Null(Hashes.FromPrefixed(value));
}
