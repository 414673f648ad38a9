using Noa.Safety.Secrets.Rules;

namespace Noa.Safety.Secrets.Tests;

public sealed class DefaultRuleTests
{
    public static TheoryData<string> RuleIds() => new(RuleSamples.All.Select(s => s.RuleId));

    [Fact]
    public void DefaultPack_EveryRuleCompiles_AndHasASample()
    {
        var scanner = ScanHelper.DefaultScanner;
        Assert.Empty(scanner.RuleErrors);
        Assert.True(scanner.RuleIds.Count >= 120, $"only {scanner.RuleIds.Count} default rules");
        var sampled = RuleSamples.All.Select(s => s.RuleId).Append("pkcs12-file").ToHashSet();
        Assert.Equal([], scanner.RuleIds.Where(id => !sampled.Contains(id)).ToArray());
        Assert.Equal([], sampled.Where(id => !scanner.RuleIds.Contains(id)).ToArray());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public async Task Scan_TruePositive_FoundByItsRule(string ruleId)
    {
        var sample = RuleSamples.All.Single(s => s.RuleId == ruleId);
        var result = await ScanHelper.DefaultScanner.ScanTextAsync($"# settings\n{sample.Positive}\n");
        var finding = Assert.Single(result.Findings, f => f.RuleId == ruleId);
        Assert.Equal(2, finding.Line);
        Assert.EndsWith("*****", finding.Redacted);
        Assert.True(finding.Redacted.Length <= 9, finding.Redacted);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public async Task Scan_NearMiss_NotFoundByItsRule(string ruleId)
    {
        var sample = RuleSamples.All.Single(s => s.RuleId == ruleId);
        var result = await ScanHelper.DefaultScanner.ScanTextAsync($"# settings\n{sample.NearMiss}\n");
        Assert.DoesNotContain(result.Findings, f => f.RuleId == ruleId);
    }

    [Fact]
    public async Task Scan_PathOnlyRule_FindsKeyStoreByName()
    {
        var result = await ScanHelper.DefaultScanner.ScanFilesAsync(("certs/client.p12", "x"), ("certs/client.pem.txt", "x"));
        var finding = Assert.Single(result.Findings);
        Assert.Equal(("pkcs12-file", "certs/client.p12", 0), (finding.RuleId, finding.Path, finding.Line));
    }

    [Fact]
    public void DefaultPack_ParsesAsGitleaksConfig()
    {
        var (config, errors) = GitleaksConfigReader.Parse(DefaultRules.Toml);
        Assert.Empty(errors);
        Assert.Equal(config!.Rules.Count, config.Rules.Select(r => r.Id).Distinct().Count());
        Assert.All(config.Rules.Where(r => r.Regex is not null), r => Assert.NotEmpty(r.Keywords));
    }
}
