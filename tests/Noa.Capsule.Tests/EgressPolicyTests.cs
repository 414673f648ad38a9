using System.Net;
using Noa.Capsule.Policy;

namespace Noa.Capsule.Tests;

/// <summary>Egress rules: what they parse, what they match, and which addresses count as local.</summary>
public sealed class EgressPolicyTests
{
    [Theory]
    [InlineData("registry.npmjs.org:443", "registry.npmjs.org", 443, true)]
    [InlineData("registry.npmjs.org:443", "registry.npmjs.org", 80, false)]
    [InlineData("registry.npmjs.org:443", "evil-registry.npmjs.org", 443, false)]
    [InlineData("*.debian.org:80", "deb.debian.org", 80, true)]
    [InlineData("*.debian.org:80", "debian.org", 80, false)]
    [InlineData("*.debian.org:80", "deb.debian.org.evil.com", 80, false)]
    [InlineData("pypi.org:*", "pypi.org", 8443, true)]
    [InlineData("PyPI.org:443", "pypi.ORG", 443, true)]
    [InlineData("127.0.0.1:5000", "127.0.0.1", 5000, true)]
    public void Rule_Matches_HostAndPort(string rule, string host, int port, bool expected)
    {
        var parsed = EgressRule.Parse(rule, out var error);

        Assert.Null(error);
        Assert.Equal(expected, parsed!.Matches(host, port));
    }

    [Theory]
    [InlineData("no-port")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("*:443")]
    [InlineData("a*b.org:443")]
    [InlineData(":443")]
    [InlineData("bad host:443")]
    public void Rule_Malformed_IsRefusedWithItsText(string rule)
    {
        Assert.Null(EgressRule.Parse(rule, out var error));
        Assert.Contains(rule.Split(':')[0], error);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("151.101.0.223", false)]
    [InlineData("2a04:4e42::223", false)]
    public void IsLocal_Addresses(string address, bool local) => Assert.Equal(local, EgressPolicy.IsLocal(IPAddress.Parse(address)));

    [Fact]
    public async Task Decide_NothingListed_DeniesEverything()
    {
        var policy = new EgressPolicy("none", []);

        var decision = await policy.DecideAsync("127.0.0.1", 5000, CancellationToken.None);

        Assert.False(decision.Allowed);
        Assert.Contains("not allowed by policy 'none'", decision.Reason);
    }

    [Fact]
    public async Task Decide_LiteralAddressRule_AllowsThatAddressOnly()
    {
        var policy = new EgressPolicy("registry", [EgressRule.Parse("127.0.0.1:5000", out _)!]);

        Assert.True((await policy.DecideAsync("127.0.0.1", 5000, CancellationToken.None)).Allowed);
        Assert.False((await policy.DecideAsync("127.0.0.1", 6379, CancellationToken.None)).Allowed);
        Assert.False((await policy.DecideAsync("127.0.0.2", 5000, CancellationToken.None)).Allowed);
    }

    [Fact]
    public void Problems_BadPolicies_AreEachNamed()
    {
        var options = new CapsuleOptions { DefaultPolicy = "missing" };
        options.Policies["ok"] = new EgressPolicyOptions { Allow = ["pypi.org:443"] };
        options.Policies["bad"] = new EgressPolicyOptions { Allow = ["pypi.org", "x:99999"] };
        options.Policies["none"] = new EgressPolicyOptions();

        var problems = EgressPolicies.Problems(options).ToList();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("Policies:bad:Allow", StringComparison.Ordinal) && p.Contains("'pypi.org'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Policies:none", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("DefaultPolicy 'missing'", StringComparison.Ordinal));
    }
}
