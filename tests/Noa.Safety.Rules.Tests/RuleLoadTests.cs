namespace Noa.Safety.Rules.Tests;

public sealed class RuleLoadTests
{
    private const string Valid = """
        rules:
          - id: demo-eval
            message: eval of $arg
            severity: warning
            languages: [python]
            query: '(call function: (identifier) @fn arguments: (argument_list (_) @arg) (#eq? @fn "eval")) @finding'
            metadata: {cwe: [CWE-95], confidence: high}
        """;

    [Fact]
    public async Task Load_ValidFile_ScansWithSubstitutedMessage()
    {
        using var pack = RulePack.Load(Valid);
        var result = await Scan.SnippetAsync(pack, "python", "x = 1\neval(user_input)\n");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(("demo-eval", 2, 1, "eval of user_input"), (finding.RuleId, finding.Range.StartLine, finding.Range.StartColumn, finding.Message));
        Assert.Equal("medium", finding.Severity.Level());
    }

    [Theory]
    [InlineData("languages: [python]", "languages: [cobol]", "unknown language 'cobol'")]
    [InlineData("severity: warning", "severity: fatal", "severity 'fatal'")]
    [InlineData("id: demo-eval", "id: Demo Eval", "no valid id")]
    [InlineData("@finding'", "'", "without a @finding capture")]
    [InlineData("(#eq? @fn \"eval\")) @finding", "(#eq? @fn \"eval\")) @finding (nope)", "node type error at line 1")]
    [InlineData("eval of $arg", "eval of $missing", "$missing, which its query does not capture")]
    // $arg only in one alternative, and optional: a match without it would leave "$arg" in the report.
    [InlineData("arguments: (argument_list (_) @arg)", "arguments: [(argument_list (_) @arg) (argument_list)]", "$arg, which its python query's pattern 1 does not always capture")]
    [InlineData("arguments: (argument_list (_) @arg)", "arguments: (argument_list (_)? @arg)", "does not always capture")]
    [InlineData("cwe: [CWE-95]", "cwe: [78]", "CWE '78'")]
    [InlineData("message: eval of $arg", "mesage: eval", "line 3")]
    public void Load_InvalidRule_NamesTheRuleAndTheProblem(string from, string to, string expected)
    {
        var e = Assert.Throws<RuleLoadException>(() => RulePack.Load(Valid.Replace(from, to)));
        Assert.Contains(e.Errors, m => m.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SeveralBadRules_ReportsEveryOne()
    {
        var rule = Valid["rules:\n".Length..];
        var yaml = Valid + "\n" + rule + "\n" + rule.Replace("demo-eval", "demo-other").Replace("languages: [python]", "languages: [cobol]");
        var e = Assert.Throws<RuleLoadException>(() => RulePack.Load(yaml));
        Assert.Contains(e.Errors, m => m.Contains("id of an earlier rule", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.Contains("cobol", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_YamlBomb_FailsClearlyWithoutExpanding()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 12; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }
        lines.Add("rules: [*a11]");
        var before = GC.GetTotalAllocatedBytes();
        var e = Assert.Throws<RuleLoadException>(() => RulePack.Load(string.Join("\n", lines)));
        Assert.Contains("once its aliases are expanded (limit MaxNodes", e.Message, StringComparison.Ordinal);
        Assert.InRange(GC.GetTotalAllocatedBytes() - before, 0, 64 << 20);
    }

    [Fact]
    public void Load_OversizedFile_IsRefused()
    {
        var e = Assert.Throws<RuleLoadException>(() => RulePack.Load(Valid + new string('#', 1 << 20)));
        Assert.Contains("larger than", e.Message, StringComparison.Ordinal);
    }
}
