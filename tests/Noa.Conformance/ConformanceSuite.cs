using Xunit.Abstractions;

namespace Noa.Conformance;

/// <summary>What every conformance suite shares: the fixture, test output, the missing-server rule and unique names.</summary>
public abstract class ConformanceSuite<TFixture>(TFixture fixture, ITestOutputHelper output) : IClassFixture<TFixture>
    where TFixture : class, IConformanceFixture
{
    /// <summary>The fixture of the implementation under test.</summary>
    protected TFixture Fixture { get; } = fixture;

    /// <summary>The test's output.</summary>
    protected ITestOutputHelper Output { get; } = output;

    /// <summary>Whether this run is in CI (<c>CI=true</c>), where a missing server is a failure.</summary>
    protected static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Every test starts with <c>if (ServerMissing()) return;</c>: false when the implementation is
    /// available; when it is not, fails the test under <c>CI=true</c>, and otherwise notes the skip in
    /// the output and returns true.
    /// </summary>
    protected bool ServerMissing()
    {
        if (Fixture.Unavailable is not { } why)
            return false;
        if (IsCi)
            Assert.Fail($"{typeof(TFixture).Name}: {why}. With CI=true every conformance server must be running (scripts/services.sh).");
        Output.WriteLine($"SKIPPED: {why} (set CI=true to make this a failure).");
        return true;
    }

    /// <summary>A name no other test uses, for streams, groups, buckets, run ids.</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
