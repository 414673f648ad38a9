namespace Noa.Stages.Runner.Results;

/// <summary>One test as a tool reported it.</summary>
/// <param name="Name">The test's name (with its class or package when the format gives one: <c>pkg.Class.test_x</c>).</param>
/// <param name="Status">passed, failed, skipped, or flaky (failed, then passed when the step ran again).</param>
/// <param name="Seconds">How long it took, when reported.</param>
/// <param name="Message">The first line of its failure or skip reason.</param>
internal sealed record TestCase(string Name, string Status, double? Seconds = null, string? Message = null)
{
    public const string Passed = "passed", Failed = "failed", Skipped = "skipped", Flaky = "flaky";

    public static string? FirstLine(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Split('\n')[0].Trim() is { Length: > 300 } long_ ? long_[..300] + "…" : text.Trim().Split('\n')[0].Trim();
}
