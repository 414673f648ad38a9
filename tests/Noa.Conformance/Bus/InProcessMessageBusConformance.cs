using Xunit.Abstractions;

namespace Noa.Conformance;

/// <summary>The bus conformance suite against the in-process bus.</summary>
public sealed class InProcessMessageBusConformance(InProcessBusFixture fixture, ITestOutputHelper output)
    : MessageBusConformance<InProcessBusFixture>(fixture, output);
