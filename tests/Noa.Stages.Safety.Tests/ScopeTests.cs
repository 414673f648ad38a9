using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Tests;

/// <summary>Findings in test, fixture and example files are reported but only warn by default; the policy's
/// <c>scopes</c> can make them block again or let them pass; a product file's finding still fails.</summary>
public sealed class ScopeTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("src/app/config.py", FileScope.Product)]
    [InlineData("README.md", FileScope.Product)]
    [InlineData("contest/main.go", FileScope.Product)]
    [InlineData("src/latest.js", FileScope.Product)]
    [InlineData("tests/test_auth.py", FileScope.Test)]
    [InlineData("pkg/auth/auth_test.go", FileScope.Test)]
    [InlineData("src/auth.spec.ts", FileScope.Test)]
    [InlineData("lib/__tests__/login.js", FileScope.Test)]
    [InlineData("src/Noa.Auth.Tests/LoginTests.cs", FileScope.Test)]
    [InlineData("src/main/java/a/LoginTest.java", FileScope.Test)]
    [InlineData("spec/models/user_spec.rb", FileScope.Test)]
    [InlineData("test/fixtures/creds.json", FileScope.Fixture)]
    [InlineData("pkg/x/testdata/key.pem", FileScope.Fixture)]
    [InlineData("examples/basic/app.js", FileScope.Example)]
    [InlineData("Samples/Web/appsettings.json", FileScope.Example)]
    public void Of_PathConventions(string path, string scope) => Assert.Equal(scope, FileScope.Of(path));

    [Theory]
    [InlineData("tests/test_auth.py", "warn")]
    [InlineData("test/fixtures/creds.json", "warn")]
    [InlineData("examples/app.js", "warn")]
    [InlineData("src/app/config.py", "fail")] // control: the same secret in product code blocks
    public void Evaluate_SecretByScope_DefaultPolicy(string path, string status)
    {
        var secret = Secret(path);
        var verdict = PolicyEvaluator.Evaluate(PolicyLoader.Default, [secret], [], Today);
        Assert.Equal(status, verdict.Status);
        Assert.Equal(1, verdict.Counts["secrets"]); // reported whatever the scope
    }

    [Theory]
    [InlineData("scopes:\n  test: deny\n", "fail")]
    [InlineData("scopes:\n  test: allow\n", "pass")]
    [InlineData("secrets: warn\nscopes:\n  test: deny\n", "warn")] // a scope never raises what the gate itself allows
    public void Evaluate_SecretInATest_FollowsThePolicysScopes(string document, string status) =>
        Assert.Equal(status, PolicyEvaluator.Evaluate(PolicyLoader.Parse(document, "p"), [Secret("tests/test_auth.py")], [], Today).Status);

    [Fact]
    public void Evaluate_HighRuleFindingInAnExample_Warns_NamingTheScope()
    {
        SafetyFinding finding = new("rules", "py.eval", [], Severity.High, "eval of input", "examples/app.py:3", "fp")
        {
            File = "examples/app.py", Scope = FileScope.Of("examples/app.py"),
        };
        var verdict = PolicyEvaluator.Evaluate(PolicyLoader.Default, [finding], [], Today);
        var gate = verdict.Gates.Single(g => g.Gate == "severity");
        Assert.Equal("warn", gate.Decision);
        Assert.Contains("in example files only", gate.Reason);
        Assert.Equal("fail", PolicyEvaluator.Evaluate(PolicyLoader.Default, [finding with { Scope = FileScope.Product }], [], Today).Status);
    }

    [Fact]
    public void Parse_UnknownScope_IsAnError()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("scopes:\n  vendored: allow\n  test: maybe\n", "p"));
        Assert.Contains("unknown field 'scopes.vendored'", error.Message);
        Assert.Contains("scopes.test", error.Message);
    }

    private static SafetyFinding Secret(string path) =>
        new("secrets", "github-pat", [], Severity.High, "GitHub token", path + ":2", "fp") { File = path, Scope = FileScope.Of(path) };
}
