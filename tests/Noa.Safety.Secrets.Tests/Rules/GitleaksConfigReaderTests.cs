using Noa.Safety.Secrets.Rules;

namespace Noa.Safety.Secrets.Tests.Rules;

public sealed class GitleaksConfigReaderTests
{
    private const string Config = """
        title = "team rules"

        [extend]
        useDefault = true
        disabledRules = ["jwt"]

        [allowlist]
        description = "global"
        paths = ['''(^|/)fixtures/''']
        regexes = ['''^AKIA[A-Z2-7]{12}EXAM$''']

        [[rules]]
        id = "acme-token"
        description = "Acme internal token"
        regex = '''(?i)\b(acme_[a-z0-9]{24})\b'''
        secretGroup = 1
        entropy = 3.0
        keywords = ["ACME_"]
        path = '''\.(?:env|ya?ml)$'''
        tags = ["internal", "acme"]

          [[rules.allowlists]]
          description = "staging tokens are fine"
          condition = "AND"
          regexTarget = "line"
          regexes = ['''staging''']
          paths = ['''^deploy/''']

        [[rules]]
        id = "generic-api-key"
          [rules.allowlist]
          stopwords = ["notasecret"]
        """;

    [Fact]
    public void Parse_GitleaksConfig_ReadsRulesAllowlistsAndExtend()
    {
        var (config, errors) = GitleaksConfigReader.Parse(Config);
        Assert.Empty(errors);
        Assert.Equal("team rules", config!.Title);
        Assert.True(config.UseDefault);
        Assert.Equal(["jwt"], config.DisabledRules);
        var global = Assert.Single(config.Allowlists);
        Assert.Equal([@"(^|/)fixtures/"], global.Paths);
        var acme = config.Rules[0];
        Assert.Equal(("acme-token", 1, 3.0, @"\.(?:env|ya?ml)$"), (acme.Id, acme.SecretGroup, acme.Entropy!.Value, acme.Path));
        Assert.Equal(["acme_"], acme.Keywords);
        Assert.Equal(["internal", "acme"], acme.Tags);
        var allow = Assert.Single(acme.Allowlists);
        Assert.Equal((AllowlistCondition.And, AllowlistTarget.Line), (allow.Condition, allow.RegexTarget));
        Assert.Equal(["notasecret"], Assert.Single(config.Rules[1].Allowlists).StopWords);
    }

    [Fact]
    public void Create_ExtendUseDefault_MergesWithDefaultPack()
    {
        var scanner = SecretScanner.Create(new SecretScanOptions { ConfigToml = Config });
        Assert.Empty(scanner.RuleErrors);
        Assert.Contains("acme-token", scanner.RuleIds);
        Assert.Contains("aws-access-token", scanner.RuleIds);
        Assert.DoesNotContain("jwt", scanner.RuleIds);
        Assert.Equal(DefaultRules.Config.Rules.Count, scanner.RuleIds.Count); // +acme, -jwt; generic-api-key merged
    }

    [Fact]
    public async Task Scan_UserRule_AppliesPathEntropyAndAndAllowlist()
    {
        var scanner = SecretScanner.Create(new SecretScanOptions { ConfigToml = Config });
        var token = "acme_" + new Fake("acme").R(Fake.LowerDigits, 24);
        var result = await scanner.ScanFilesAsync(
            ("app/.env", $"TOKEN={token}\n"),
            ("app/main.py", $"TOKEN='{token}'\n"),                   // path does not match the rule
            ("deploy/prod.yaml", $"token: {token}\n"),                 // only one of the AND checks
            ("deploy/staging.yaml", $"token: {token} # staging\n"),   // both: allowed
            ("fixtures/app.env", $"TOKEN={token}\n"),                  // global path allowlist
            ("app/low.env", "TOKEN=acme_aaaaaaaaaaaaaaaaaaaaaaaa\n")); // entropy below 3.0
        Assert.Equal(["app/.env", "deploy/prod.yaml"], result.Findings.Where(f => f.RuleId == "acme-token").Select(f => f.Path));
        Assert.Contains(result.Skipped, s => s.Path == "fixtures/app.env" && s.Reason == SkipReason.AllowlistedPath);
    }

    [Fact]
    public async Task Scan_StopwordAddedToDefaultRule_Suppresses()
    {
        var scanner = SecretScanner.Create(new SecretScanOptions { ConfigToml = Config });
        var value = new Fake("stop").R(Fake.Alnum, 12) + "notasecret" + new Fake("x").R(Fake.Alnum, 12);
        var result = await scanner.ScanTextAsync($"api_key = \"{value}\"\n");
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "generic-api-key");
        var plain = await ScanHelper.DefaultScanner.ScanTextAsync($"api_key = \"{value}\"\n");
        Assert.Contains(plain.Findings, f => f.RuleId == "generic-api-key");
    }

    [Fact]
    public void Create_BadRegex_ReportsRuleByIdAndKeepsOthers()
    {
        var scanner = SecretScanner.Create(new SecretScanOptions
        {
            ConfigToml = """
                [[rules]]
                id = "broken"
                regex = '''(unclosed'''
                [[rules]]
                id = "fine"
                regex = '''(?P<tok>tok_[0-9]{8})'''
                keywords = ["tok_"]
                """,
        });
        var error = Assert.Single(scanner.RuleErrors);
        Assert.Equal("broken", error.RuleId);
        Assert.Equal(["fine"], scanner.RuleIds);
    }

    [Theory]
    [InlineData("title = ", "invalid TOML")]
    [InlineData("[[rules]]\ndescription = \"no id\"\nregex = 'x'", "missing id")]
    [InlineData("[[rules]]\nid = \"x\"", "needs a regex or a path")]
    [InlineData("[[rules]]\nid = \"x\"\nregex = 'x'\n[[rules.allowlists]]\ncondition = \"XOR\"", "condition 'XOR'")]
    public void Parse_InvalidConfig_SaysWhy(string toml, string expected)
    {
        var (config, errors) = GitleaksConfigReader.Parse(toml);
        Assert.Null(config);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_ExtendPath_ReadsBaseConfigRelativeToConfigFile()
    {
        var dir = Directory.CreateTempSubdirectory("noa-secrets-").FullName;
        File.WriteAllText(Path.Combine(dir, "base.toml"), "[[rules]]\nid = \"base-rule\"\nregex = '''base_[0-9]{6}'''\nkeywords = [\"base_\"]\n");
        File.WriteAllText(Path.Combine(dir, ".gitleaks.toml"), "[extend]\npath = \"base.toml\"\n[[rules]]\nid = \"own\"\nregex = '''own_[0-9]{6}'''\n");
        var scanner = SecretScanner.Create(new SecretScanOptions { ConfigPath = Path.Combine(dir, ".gitleaks.toml") });
        Assert.Empty(scanner.RuleErrors);
        Assert.Equal(["base-rule", "own"], scanner.RuleIds);
        Directory.Delete(dir, true);
    }
}
