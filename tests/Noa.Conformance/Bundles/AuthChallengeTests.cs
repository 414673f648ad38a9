using Noa.Bundles.Registry;

namespace Noa.Conformance;

/// <summary>Challenges as registries send them (distribution, Docker Hub, GHCR, Harbor), parsed into realm, service and scope.</summary>
public sealed class AuthChallengeTests
{
    [Theory]
    [InlineData("realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"",
        "https://auth.docker.io/token", "registry.docker.io", "repository:library/alpine:pull")]
    [InlineData("realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:o/r:pull,push\"",
        "https://ghcr.io/token", "ghcr.io", "repository:o/r:pull,push")]
    [InlineData("realm=\"http://h/service/token\", service=\"harbor-registry\"", "http://h/service/token", "harbor-registry", null)]
    [InlineData("realm=\"a \\\"quoted\\\" realm\"", "a \"quoted\" realm", null, null)]
    [InlineData("realm=unquoted,service=s", "unquoted", "s", null)]
    public void Parse_Parameters_KeepCommasInsideQuotes(string parameter, string realm, string? service, string? scope)
    {
        var parsed = AuthChallenge.Parse(parameter);

        Assert.Equal(realm, parsed["realm"]);
        Assert.Equal(service, parsed.GetValueOrDefault("service"));
        Assert.Equal(scope, parsed.GetValueOrDefault("scope"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("=,=\"")]
    [InlineData("realm=\"unterminated")]
    [InlineData(",,,")]
    public void Parse_Garbage_NeverThrows(string parameter) => Assert.NotNull(AuthChallenge.Parse(parameter));
}
