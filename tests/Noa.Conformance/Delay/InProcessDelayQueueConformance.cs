
namespace Noa.Conformance;

/// <summary>The delay queue conformance suite against the in-process queue on a fake clock.</summary>
public sealed class InProcessDelayQueueConformance(InProcessDelayQueueFixture fixture, ITestOutputHelper output)
    : DelayQueueConformance<InProcessDelayQueueFixture>(fixture, output);
