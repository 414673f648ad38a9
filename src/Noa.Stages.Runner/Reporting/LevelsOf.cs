using Noa.Stages.Runner.Results;

namespace Noa.Stages.Runner.Reporting;

/// <summary>The three levels from the steps that ran.</summary>
internal static class LevelsOf
{
    public static Levels Compute(IReadOnlyList<StepReport> steps, IReadOnlyList<TestCase> tests)
    {
        var builds = steps.Where(s => s.Phase == "build" && s.Status != "not-run").ToList();
        bool? built = builds.Count == 0 ? null : builds.All(s => s.Status == "passed");
        var testSteps = steps.Where(s => s.Phase is "test" or "smoke" && s.Status != "not-run").ToList();
        var counts = tests.Count > 0 ? TestCounts.Of(tests)
            : testSteps.Select(s => s.Tests).OfType<TestCounts>().Aggregate(TestCounts.Zero, (a, b) => a.Add(b));
        // Ran: a test step ran to its own end (not a limit, not a missing tool) and reported at least one test.
        var ran = testSteps.Any(s => s.Status is "passed" or "failed" && (s.Tests?.Total ?? 0) > 0);
        var passed = ran && counts.Failed == 0 && testSteps.All(s => s.Status == "passed");
        var smoke = testSteps.Count > 0 && testSteps.All(s => s.Phase == "smoke");
        return new Levels(built, ran, passed, counts, smoke);
    }
}
