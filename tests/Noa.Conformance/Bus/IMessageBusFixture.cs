namespace Noa.Conformance;

/// <summary>Creates buses for <see cref="MessageBusConformance{TFixture}"/>.</summary>
public interface IMessageBusFixture : IConformanceFixture
{
    /// <summary>A bus with no state shared with earlier tests (or one where the suite's unique stream names keep tests apart).</summary>
    Task<BusUnderTest> CreateAsync();
}
