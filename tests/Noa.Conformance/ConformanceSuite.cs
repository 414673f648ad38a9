
namespace Noa.Conformance;

/// <summary>What every conformance suite shares: the fixture, test output, the missing-server rule and unique names.</summary>
public abstract class ConformanceSuite<TFixture>(TFixture fixture, ITestOutputHelper output) : IClassFixture<TFixture>
    where TFixture : class, IConformanceFixture
{
    /// <summary>The fixture of the implementation under test.</summary>
    protected TFixture Fixture { get; } = fixture;

    /// <summary>The test's output.</summary>
    protected ITestOutputHelper Output { get; } = output;

    /// <summary>
    /// Every test starts with <c>RequireServer();</c>: nothing when the implementation is available; when it is not,
    /// the test fails under <c>CI=true</c> and is reported as skipped, with the reason, otherwise.
    /// </summary>
    protected void RequireServer()
    {
        if (Fixture.Unavailable is { } why)
            Requirement.Unmet($"{typeof(TFixture).Name}: {why}; start the servers with scripts/services.sh");
    }

    /// <summary>A name no other test uses, for streams, groups, buckets, run ids.</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
