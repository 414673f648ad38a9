using System.Net;

namespace Noa.Stages.Intake.Tests;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "private (CGNAT)")]
    [InlineData("100.127.255.255", "private (CGNAT)")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fc00::1", "private (unique local)")]
    [InlineData("fd12:3456::1", "private (unique local)")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("2002:7f00:1::", "loopback")]
    public void Classify_NonPublicAddress_NamesWhy(string address, string why) =>
        Assert.Equal(why, AddressPolicy.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("100.128.0.1")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Classify_PublicAddress_ReturnsNull(string address) =>
        Assert.Null(AddressPolicy.Classify(IPAddress.Parse(address)));
}
