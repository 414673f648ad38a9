namespace Noa.Conformance;

/// <summary>
/// A fixture that creates fresh instances of one port implementation for a conformance suite.
/// Fixtures of real servers (Redis, Postgres, S3…) connect to the server the test script started on
/// 127.0.0.1 and report <see cref="Unavailable"/> when it is not there: the suites then fail with that
/// reason when <c>CI=true</c> and are reported as skipped otherwise (see <see cref="ConformanceSuite{TFixture}.RequireServer"/>).
/// </summary>
public interface IConformanceFixture
{
    /// <summary>Null when the implementation can be tested; otherwise why not, e.g. <c>Redis is not reachable at 127.0.0.1:6379</c>.</summary>
    string? Unavailable { get; }
}
