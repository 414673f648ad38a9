namespace Noa.Stages.Runner.Results;

/// <summary>How many tests ran and how they ended (a tool's summary line when it reports no single tests).</summary>
internal sealed record TestCounts(int Total, int Passed, int Failed, int Skipped, int Flaky = 0)
{
    public static TestCounts Zero { get; } = new(0, 0, 0, 0);

    public static TestCounts Of(IReadOnlyCollection<TestCase> tests) => new(
        tests.Count,
        tests.Count(t => t.Status == TestCase.Passed),
        tests.Count(t => t.Status == TestCase.Failed),
        tests.Count(t => t.Status == TestCase.Skipped),
        tests.Count(t => t.Status == TestCase.Flaky));

    public TestCounts Add(TestCounts o) => new(Total + o.Total, Passed + o.Passed, Failed + o.Failed, Skipped + o.Skipped, Flaky + o.Flaky);
}
