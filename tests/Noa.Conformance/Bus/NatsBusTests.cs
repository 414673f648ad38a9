using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.EventBus.Nats;

namespace Noa.Conformance;

/// <summary>The NATS bus's name mapping and feature flag (no server needed).</summary>
public sealed class NatsBusTests
{
    [Theory]
    [InlineData("tasks", "tasks")]
    [InlineData("runs.events", "runs_2Eevents")]
    [InlineData("q:dead", "q_3Adead")]
    [InlineData("a_b", "a_5Fb")]
    [InlineData("a*b>c d", "a_2Ab_3Ec_20d")]
    [InlineData("é", "_C3_A9")]
    public void Escape_AnyName_GivesAJetStreamSafeName(string name, string escaped) =>
        Assert.Equal(escaped, NatsNames.Escape(name));

    [Fact]
    public void Escape_DifferentNames_NeverCollide() =>
        Assert.NotEqual(NatsNames.Escape("a.b"), NatsNames.Escape("a_2Eb"));

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("redis", null, false)]
    [InlineData("nats", null, true)]
    [InlineData("NATS", null, true)]
    [InlineData(null, "true", true)]
    public void AddNatsBus_FeatureFlag_RegistersTheBusOnlyWhenOn(string? provider, string? enabled, bool registered)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Noa:Bus:Provider"] = provider,
            ["Noa:Bus:Nats:Enabled"] = enabled,
        }).Build();

        var services = new ServiceCollection().AddNatsBus(configuration);

        Assert.Equal(registered, services.Any(d => d.ServiceType == typeof(IMessageBus)));
    }
}
