namespace Noa.Safety.Rules.Tests;

/// <summary>The hard-coded credential rules flag every form their positive example shows, one line at a time:
/// declarations, member assignments, object and dict literals, the literal fallback of an environment or configuration
/// read (<c>||</c>, <c>??</c>, <c>or</c>, <c>getenv(…, default)</c>) and IdentityServer client secrets; and nothing in
/// their negative example, line by line.</summary>
public sealed class CredentialFormsTests
{
    public static TheoryData<string, string> Rules() => new()
    {
        { "js-hardcoded-credential", "javascript" },
        { "js-hardcoded-credential", "typescript" },
        { "python-hardcoded-credential", "python" },
        { "csharp-hardcoded-credential", "csharp" },
        { "csharp-identityserver-client-secret", "csharp" },
        { "java-hardcoded-credential", "java" },
        { "go-hardcoded-credential", "go" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task EveryPositiveLine_IsFlagged_AndNoNegativeLine(string id, string language)
    {
        var rule = Scan.Default.Rules.Single(r => r.Id == id);
        foreach (var line in Lines(rule.Tests.Positive, language))
        {
            var result = await Scan.SnippetAsync(Scan.Default, language, line);
            Assert.True(result.Findings.Any(f => f.RuleId == id), $"{id} missed: {line}");
            Assert.All(result.Findings, f => Assert.DoesNotContain("$", f.Message, StringComparison.Ordinal));
        }
        foreach (var line in Lines(rule.Tests.Negative, language))
        {
            var result = await Scan.SnippetAsync(Scan.Default, language, line);
            Assert.False(result.Findings.Any(f => f.RuleId == id), $"{id} flagged: {line}");
        }
    }

    // Go needs its package clause on every snippet.
    private static IEnumerable<string> Lines(string code, string language) =>
        code.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("package ", StringComparison.Ordinal))
            .Select(l => language == "go" ? "package p\n" + l + "\n" : l + "\n");
}
