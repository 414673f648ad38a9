using Noa.Abstractions.Profiles;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Tests;

/// <summary>Findings in test, fixture and example files are reported but only warn by default; the policy's
/// <c>scopes</c> can make them block again or let them pass; a product file's finding still fails.</summary>
public sealed class ScopeTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("test", "warn")]
    [InlineData("fixture", "warn")]
    [InlineData("example", "warn")]
    [InlineData("product", "fail")] // control: the same secret in product code blocks
    [InlineData("benchmark", "fail")] // a scope the policy cannot name gets the full policy
    public void Evaluate_SecretByScope_DefaultPolicy(string scope, string status)
    {
        var secret = Secret("src/app/config.py", scope);
        var verdict = PolicyEvaluator.Evaluate(PolicyLoader.Default, [secret], [], Today);
        Assert.Equal(status, verdict.Status);
        Assert.Equal(1, verdict.Counts["secrets"]); // reported whatever the scope
    }

    [Theory]
    [InlineData("scopes:\n  test: deny\n", "fail")]
    [InlineData("scopes:\n  test: allow\n", "pass")]
    [InlineData("secrets: warn\nscopes:\n  test: deny\n", "warn")] // a scope never raises what the gate itself allows
    public void Evaluate_SecretInATest_FollowsThePolicysScopes(string document, string status) =>
        Assert.Equal(status, PolicyEvaluator.Evaluate(PolicyLoader.Parse(document, "p"), [Secret("tests/test_auth.py", FileScopes.Test)], [], Today).Status);

    [Fact]
    public void Evaluate_HighRuleFindingInAnExample_Warns_NamingTheScope()
    {
        SafetyFinding finding = new("rules", "py.eval", [], Severity.High, "eval of input", "examples/app.py:3", "fp")
        {
            File = "examples/app.py", Scope = FileScopes.Example,
        };
        var verdict = PolicyEvaluator.Evaluate(PolicyLoader.Default, [finding], [], Today);
        var gate = verdict.Gates.Single(g => g.Gate == "severity");
        Assert.Equal("warn", gate.Decision);
        Assert.Contains("in example files only", gate.Reason);
        Assert.Equal("fail", PolicyEvaluator.Evaluate(PolicyLoader.Default, [finding with { Scope = FileScopes.Product }], [], Today).Status);
    }

    [Fact]
    public void Parse_UnknownScope_IsAnError()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("scopes:\n  vendored: allow\n  test: maybe\n", "p"));
        Assert.Contains("unknown field 'scopes.vendored'", error.Message);
        Assert.Contains("scopes.test", error.Message);
    }

    private static SafetyFinding Secret(string path, string scope) =>
        new("secrets", "github-pat", [], Severity.High, "GitHub token", path + ":2", "fp") { File = path, Scope = scope };
}
