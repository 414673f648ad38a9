using System.Text.Json.Nodes;
using Json.Schema;
using Noa.Stages.Safety.Policy;
using Noa.Yaml;

namespace Noa.Stages.Safety.Tests;

public sealed class PolicyTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "policy.schema.json"));
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public void Default_IsValidAgainstTheSchema_AndLoads()
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "default-policy.yaml"));
        // YamlToJson keeps scalars as strings; the schema describes the JSON form, where version is a number.
        var document = YamlToJson.Load(yaml, Noa.Yaml.YamlLimits.Default, "default-policy.yaml")!.AsObject();
        document["version"] = int.Parse(document["version"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var result = Schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", result.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Values)));
        var policy = PolicyLoader.Default;
        Assert.Equal(Severity.Medium, policy.MaxSeverity);
        Assert.Equal(Disposition.Deny, policy.Secrets);
        Assert.Contains("AGPL-3.0-only", policy.Licenses.Deny);
    }

    [Fact]
    public void Parse_JsonAndYaml_Alike()
    {
        var yaml = PolicyLoader.Parse("maxSeverity: high\nsecrets: warn\nwaivers:\n  - id: CVE-2020-1\n    reason: not reachable\n    expires: 2027-01-31\n", "p");
        var json = PolicyLoader.Parse("""{"maxSeverity":"high","secrets":"warn","waivers":[{"id":"CVE-2020-1","reason":"not reachable","expires":"2027-01-31"}]}""", "p");
        Assert.Equal(yaml.MaxSeverity, json.MaxSeverity);
        Assert.Equal(Disposition.Warn, json.Secrets);
        Assert.Equal(new Waiver("CVE-2020-1", "not reachable", new DateOnly(2027, 1, 31)), Assert.Single(json.Waivers));
    }

    [Fact]
    public void Parse_BadDocument_ListsEveryProblem()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(
            "maxSeverity: severe\nsecrets: maybe\ncolour: red\nwaivers:\n  - id: X\n    expires: someday\n", "team.yaml"));
        Assert.StartsWith("team.yaml: ", error.Message);
        Assert.Contains("maxSeverity must be one of info, low, medium, high, critical, not 'severe'", error.Message);
        Assert.Contains("secrets must be one of allow, warn, deny", error.Message);
        Assert.Contains("unknown field 'colour'", error.Message);
        Assert.Contains("waivers[0].reason is required", error.Message);
        Assert.Contains("waivers[0].expires must be a date", error.Message);
    }

    [Fact]
    public void Parse_YamlBomb_RefusedBeforeLoading()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
                   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(bomb, "bomb.yaml"));
        Assert.Contains("alias bomb", error.Message);
    }

    [Fact]
    public void Evaluate_SeverityAboveTheMaximum_FailsNamingTheFindings()
    {
        SafetyFinding[] findings =
        [
            new("vulnerabilities", "GHSA-aaaa", ["CVE-2021-1"], Severity.High, "prototype pollution", "npm lodash 4.17.15", "fp1"),
            new("rules", "py.eval", [], Severity.Medium, "eval of input", "app.py:3", "fp2"),
        ];
        var verdict = PolicyEvaluator.Evaluate(PolicyLoader.Default, findings, [], Today);
        Assert.Equal("fail", verdict.Status);
        var gate = verdict.Gates.Single(g => g.Gate == "severity");
        Assert.Equal("fail", gate.Decision);
        Assert.Contains("GHSA-aaaa (high) at npm lodash 4.17.15", gate.Reason);
        Assert.DoesNotContain("py.eval", gate.Reason);
        Assert.Equal(1, verdict.Counts["high"]);
        Assert.StartsWith("severity: 1 finding(s) above medium", verdict.FailureReason);
    }

    [Fact]
    public void Evaluate_Waivers_ByIdAliasOrFingerprint_UntilTheyExpire()
    {
        SafetyFinding high = new("vulnerabilities", "GHSA-aaaa", ["CVE-2021-1"], Severity.High, "x", "npm a 1.0.0", "fp1");
        var byAlias = PolicyLoader.Default with { Waivers = [new Waiver("CVE-2021-1", "no network use", Today)] };
        var verdict = PolicyEvaluator.Evaluate(byAlias, [high], [], Today);
        Assert.Equal("pass", verdict.Status);
        Assert.Equal("no network use", Assert.Single(verdict.Waived).Reason);

        var expired = PolicyLoader.Default with { Waivers = [new Waiver("fp1", "old", Today.AddDays(-1))] };
        verdict = PolicyEvaluator.Evaluate(expired, [high], [], Today);
        Assert.Equal("fail", verdict.Status);
        Assert.Equal("fp1", Assert.Single(verdict.ExpiredWaivers).Id);
    }

    [Theory]
    [InlineData("deny", "fail")]
    [InlineData("warn", "warn")]
    [InlineData("allow", "pass")]
    public void Evaluate_Secrets_FollowThePolicy(string disposition, string status)
    {
        var policy = PolicyLoader.Parse($"secrets: {disposition}\n", "p");
        SafetyFinding secret = new("secrets", "aws-access-key", [], Severity.High, "AWS key", "config.py:2", "fp");
        Assert.Equal(status, PolicyEvaluator.Evaluate(policy, [secret], [], Today).Status);
    }

    [Theory]
    [InlineData("MIT", "pass")]
    [InlineData("AGPL-3.0-only", "fail")]
    [InlineData("MIT OR AGPL-3.0-only", "pass")]
    [InlineData("MIT AND AGPL-3.0-only", "fail")]
    [InlineData("(AGPL-3.0-only OR SSPL-1.0) AND MIT", "fail")]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", "pass")]
    [InlineData("agpl-3.0-OR-LATER", "fail")]
    [InlineData("AGPL-3.0+", "fail")]
    [InlineData("see LICENSE file", "warn")]
    [InlineData(null, "warn")]
    public void Evaluate_Licenses_DenyListAndExpressions(string? expression, string status) =>
        Assert.Equal(status, PolicyEvaluator.Evaluate(PolicyLoader.Default, [], [new LicenseUse("pkg:npm/x@1", expression)], Today).Status);

    [Fact]
    public void Evaluate_AllowList_OnlyThoseLicencesPass()
    {
        var policy = PolicyLoader.Parse("licenses:\n  allow: [MIT, Apache-2.0]\n  unknown: deny\n", "p");
        Assert.Equal("pass", PolicyEvaluator.Evaluate(policy, [], [new LicenseUse("a", "MIT OR GPL-3.0-only")], Today).Status);
        var verdict = PolicyEvaluator.Evaluate(policy, [], [new LicenseUse("pkg:npm/b@1", "BSD-3-Clause"), new LicenseUse("c", null)], Today);
        Assert.Equal("fail", verdict.Status);
        Assert.Contains("pkg:npm/b@1 (BSD-3-Clause)", verdict.FailureReason);
    }

    [Fact]
    public void Parse_LicenceIds_AreCheckedAgainstTheSpdxList()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("licenses:\n  deny: [AGPL-3.0-only, AGPLv3, GPL-3.0-only WITH GCC-exception-3.1]\n", "p"));
        Assert.Contains("licenses.deny[1] 'AGPLv3' is not an SPDX licence id", error.Message);
        Assert.Contains("licenses.deny[2]", error.Message);
        Assert.DoesNotContain("deny[0]", error.Message);
        Assert.Equal(["AGPL-3.0-only", "MIT"], PolicyLoader.Parse("licenses:\n  allow: [agpl-3.0-only, mit]\n", "p").Licenses.Allow);
    }
}
