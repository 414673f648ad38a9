using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>
/// What every metadata store must do for the gateway: <see cref="IApiKeyStore"/> (hashed keys, revocation keeps the
/// first time) and <see cref="IPolicyStore"/> (named JSON documents, replaced on save). The metadata stores implement
/// them beside <see cref="IRunStore"/>, so the run store fixture supplies them.
/// </summary>
public abstract class GatewayStoreConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, IRunStoreFixture
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public async Task SaveKey_ThenGetAndList_RoundTripsEveryField()
    {
        RequireServer();
        var keys = (IApiKeyStore)await Fixture.CreateRunStoreAsync();
        var key = new ApiKey
        {
            Id = "k1", Name = "ci: digest", SecretHash = new string('a', 64), Scopes = ["digest:write", "runs:read"],
            CreatedAt = T0, CreatedBy = "bootstrap", Tenant = "team-a",
        };

        await keys.SaveKeyAsync(key);
        await keys.SaveKeyAsync(key with { Id = "k0", CreatedAt = T0.AddSeconds(1), Tenant = null });

        var read = await keys.GetKeyAsync("k1");
        Assert.NotNull(read);
        Assert.Equal(key.Scopes, read.Scopes);
        Assert.Equal(key with { Scopes = read.Scopes }, read);
        Assert.Null(await keys.GetKeyAsync("nope"));
        Assert.Equal(["k1", "k0"], (await keys.ListKeysAsync()).Select(k => k.Id));
        Assert.Null((await keys.GetKeyAsync("k0"))!.Tenant);
    }

    [Fact]
    public async Task RevokeKey_KeepsTheFirstTime_AndUnknownIsFalse()
    {
        RequireServer();
        var keys = (IApiKeyStore)await Fixture.CreateRunStoreAsync();
        await keys.SaveKeyAsync(new ApiKey { Id = "k1", Name = "n", SecretHash = "h", Scopes = ["admin"], CreatedAt = T0, CreatedBy = "x" });

        Assert.True(await keys.RevokeKeyAsync("k1", T0.AddMinutes(1)));
        Assert.True(await keys.RevokeKeyAsync("k1", T0.AddMinutes(2)));
        Assert.False(await keys.RevokeKeyAsync("k2", T0));

        Assert.Equal(T0.AddMinutes(1), (await keys.GetKeyAsync("k1"))!.RevokedAt);
    }

    [Fact]
    public async Task SavePolicy_ReplacesByName_AndListsByName()
    {
        RequireServer();
        var policies = (IPolicyStore)await Fixture.CreateRunStoreAsync();
        await policies.SavePolicyAsync(new PolicyDocument("safety", "{\"a\":1}", T0, "k1"));
        await policies.SavePolicyAsync(new PolicyDocument("runner", "{}", T0, "k1"));
        await policies.SavePolicyAsync(new PolicyDocument("safety", "{\"a\":2}", T0.AddMinutes(1), "k2"));

        Assert.Equal(new PolicyDocument("safety", "{\"a\":2}", T0.AddMinutes(1), "k2"), await policies.GetPolicyAsync("safety"));
        Assert.Null(await policies.GetPolicyAsync("none"));
        Assert.Equal(["runner", "safety"], (await policies.ListPoliciesAsync()).Select(p => p.Name));
    }
}
