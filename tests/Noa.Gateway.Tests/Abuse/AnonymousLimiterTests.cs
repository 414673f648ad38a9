using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Noa.Gateway.Tests;

public sealed class AnonymousLimiterTests
{
    private const int Burst = 5;

    [Fact]
    public async Task AnonymousFlood_Gets429AfterBudget_OtherAddressAndValidKeyStillServed()
    {
        await using var host = await GatewayHost.StartAsync(workers: false, settings: new Dictionary<string, string?>
        {
            ["Noa:Gateway:AnonymousRateLimitBurst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Noa:Gateway:AnonymousRateLimitPerSecond"] = "1",
        }, services: CountingKeyStore.Decorate);
        var store = host.Services.GetRequiredService<CountingKeyStore>();
        using var admin = LoopbackClient.Create(host.BaseAddress, "127.0.0.1", GatewayHost.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/runs")).StatusCode);

        // A flood of made-up keys from one address: each a different key id, so each would cost a store look-up.
        using var flooder = LoopbackClient.Create(host.BaseAddress, "127.0.0.1");
        var watch = Stopwatch.StartNew();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var call = new HttpRequestMessage(HttpMethod.Get, "/runs");
            call.Headers.Authorization = new("Bearer", $"noa_forged{i}_" + new string('x', 43));
            answers.Add((await flooder.SendAsync(call)).StatusCode);
        }
        var seconds = (int)Math.Ceiling(watch.Elapsed.TotalSeconds);
        var lookupsAfterFlood = store.Lookups;

        var unauthorized = answers.Count(a => a == HttpStatusCode.Unauthorized);
        Assert.InRange(unauthorized, Burst, Burst + seconds); // the burst, plus what one token a second refilled
        Assert.Equal(answers.Count - unauthorized, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        var limited = await flooder.GetAsync("/runs");
        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.InRange(store.Lookups - lookupsAfterFlood, 0, 1); // refused before the key is looked up (one token may have refilled)

        // Another address has its own budget, and a good key from the flooded address is never limited by the flood.
        using var neighbour = LoopbackClient.Create(host.BaseAddress, "127.0.0.2");
        await Problem.AssertAsync(await neighbour.GetAsync("/runs"), HttpStatusCode.Unauthorized, "unauthorized");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/runs")).StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void ClientAddress_IsIPv4OrTheIPv6Slash64(string address, string client) =>
        Assert.Equal(client, ClientAddress.Of(IPAddress.Parse(address)));

    [Fact]
    public void AnonymousLimiter_IPv6AddressesOfOneSlash64_ShareABudget()
    {
        using var limiter = new AnonymousLimiter(Options.Create(new GatewayOptions { AnonymousRateLimitBurst = 3, AnonymousRateLimitPerSecond = 1 }));
        // A host rotating through its /64 draws on one budget: the burst (and at most one refilled token), then nothing.
        var taken = 0;
        while (taken < 100 && limiter.TryTake(ClientAddress.Of(IPAddress.Parse($"2001:db8:1:2:{taken:x}::{taken + 1:x}"))))
            taken++;
        Assert.InRange(taken, 3, 4);
        Assert.True(limiter.Exhausted(ClientAddress.Of(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:fffe"))));

        // The next /64 and an IPv4 address have budgets of their own.
        Assert.False(limiter.Exhausted(ClientAddress.Of(IPAddress.Parse("2001:db8:1:3::1"))));
        Assert.True(limiter.TryTake(ClientAddress.Of(IPAddress.Parse("2001:db8:1:3::1"))));
        Assert.False(limiter.Exhausted(ClientAddress.Of(IPAddress.Parse("203.0.113.8"))));
    }
}
