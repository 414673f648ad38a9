namespace Noa.Safety.Rules.Tests;

public sealed class RulePackTests
{
    public static TheoryData<string, string> RulesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var rule in Scan.Default.Rules)
        {
            foreach (var language in rule.Languages)
            {
                data.Add(rule.Id, language);
            }
        }
        return data;
    }

    [Fact]
    public void LoadDefault_StarterPack_HasFortyRulesOverSevenLanguages()
    {
        var rules = Scan.Default.Rules;
        Assert.True(rules.Count >= 40, $"{rules.Count} rules");
        var languages = rules.SelectMany(r => r.Languages).ToHashSet();
        Assert.Superset(new HashSet<string> { "python", "javascript", "typescript", "go", "rust", "java", "csharp" }, languages);
    }

    [Fact]
    public void LoadDefault_EveryRule_HasCweAndBothTests()
    {
        var missing = Scan.Default.Rules
            .Where(r => r.Metadata.Cwe.Count == 0 || string.IsNullOrWhiteSpace(r.Tests.Positive) || string.IsNullOrWhiteSpace(r.Tests.Negative))
            .Select(r => r.Id).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void LoadDefault_EveryCategoryOfTheIssue_IsCovered()
    {
        var cwes = Scan.Default.Rules.SelectMany(r => r.Metadata.Cwe).ToHashSet();
        // eval, shell, SQL, TLS, weak hash, weak cipher, deserialization, path traversal, credentials, SSRF
        Assert.Superset(new HashSet<string> { "CWE-95", "CWE-78", "CWE-89", "CWE-295", "CWE-328", "CWE-327", "CWE-502", "CWE-22", "CWE-798", "CWE-918" }, cwes);
    }

    [Theory]
    [MemberData(nameof(RulesAndLanguages))]
    public async Task Rule_OwnTests_FlagsPositiveAndNotNegative(string id, string language)
    {
        var rule = Scan.Default.Rules.Single(r => r.Id == id);
        var positive = await Scan.SnippetAsync(Scan.Default, language, rule.Tests.Positive);
        Assert.Empty(positive.Skipped);
        Assert.Contains(positive.Findings, f => f.RuleId == id);
        var negative = await Scan.SnippetAsync(Scan.Default, language, rule.Tests.Negative);
        Assert.DoesNotContain(negative.Findings, f => f.RuleId == id);
    }
}
