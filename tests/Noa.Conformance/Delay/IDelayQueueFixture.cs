namespace Noa.Conformance;

/// <summary>Creates delay queues for <see cref="DelayQueueConformance{TFixture}"/>.</summary>
public interface IDelayQueueFixture : IConformanceFixture
{
    /// <summary>A queue with no state shared with earlier tests (or one where the suite's unique queue names keep tests apart).</summary>
    Task<DelayQueueUnderTest> CreateAsync();
}
