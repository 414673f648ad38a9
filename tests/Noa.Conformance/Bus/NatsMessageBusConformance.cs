
namespace Noa.Conformance;

/// <summary>The bus conformance suite against NATS JetStream.</summary>
public sealed class NatsMessageBusConformance(NatsBusFixture fixture, ITestOutputHelper output)
    : MessageBusConformance<NatsBusFixture>(fixture, output);
