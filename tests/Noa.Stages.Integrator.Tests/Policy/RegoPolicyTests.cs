using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Stages.Integrator.Policy;

namespace Noa.Stages.Integrator.Tests.Policy;

/// <summary>
/// The Rego policy written per API. No Rego engine installs from the registries this project can reach (no OPA, Regorus
/// or opa-wasm compiler in NuGet, npm or Debian 12), so these tests do NOT evaluate the policy: they check that its
/// operation table is exactly the spec's security requirements (parsed back as JSON, so no name from the spec can become
/// Rego syntax), that every name it declares is a Rego identifier, and that its tests cover each operation.
/// </summary>
public sealed partial class RegoPolicyTests
{
    [Fact]
    public async Task HostileSpec_Policy_TableIsTheSpecsRequirements_AndNamesAreRegoIdentifiers()
    {
        var model = await Generate.ModelAsync(Generate.Spec("hostile.yaml"), "hostile.yaml");
        var files = RegoPolicy.Generate(model).ToDictionary(f => f.Path, f => f.Content);
        var policy = files["policy.rego"];
        var tests = files["policy_test.rego"];

        var package = Assert.Single(PackageLine().Matches(policy)).Groups[1].Value;
        Assert.Matches(@"^noa\.sdk\.api_[a-z0-9_]+$", package);
        Assert.Contains("default allow := false", policy);
        var start = policy.IndexOf("operations := ", StringComparison.Ordinal) + "operations := ".Length;
        var end = policy.IndexOf("\n}\n", start, StringComparison.Ordinal) + 2;
        // Rego allows a trailing comma in an object; JSON does not.
        using var table = JsonDocument.Parse(policy[start..end].Replace(",\n}", "\n}", StringComparison.Ordinal));
        Assert.Equal(model.Operations.Count, table.RootElement.EnumerateObject().Count());
        foreach (var op in model.Operations)
        {
            var entry = table.RootElement.GetProperty(op.Id);
            Assert.Equal(op.Method, entry.GetProperty("method").GetString());
            var alternatives = entry.GetProperty("alternatives").EnumerateArray()
                .Select(a => a.EnumerateObject().ToDictionary(s => s.Name, s => s.Value.EnumerateArray().Select(v => v.GetString()!).ToList())).ToList();
            Assert.Equal(op.Security.Count, alternatives.Count);
            for (var i = 0; i < alternatives.Count; i++)
                Assert.Equal(op.Security[i].OrderBy(k => k.Key).Select(k => (k.Key, string.Join(",", k.Value))),
                    alternatives[i].OrderBy(k => k.Key).Select(k => (k.Key, string.Join(",", k.Value))));
        }
        // "123 download" needs oauth's pets:read; "upload photo" takes an API key or basic auth: both are in the table.
        Assert.Contains("\"123 download\": {\"method\": \"GET\"", policy);
        Assert.Contains("[{\"oauth\":[\"pets:read\"]}]", policy);

        Assert.StartsWith("package " + package + "_test\n", tests[tests.IndexOf("package", StringComparison.Ordinal)..]);
        var rules = TestRule().Matches(tests).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(rules.Count, rules.Distinct().Count());
        Assert.All(rules, r => Assert.Matches("^test_[a-z0-9_]+$", r));
        Assert.Contains("test_unknown_operation_denied", rules);
        Assert.True(rules.Count >= model.Operations.Count + 2, string.Join(", ", rules));
    }

    [GeneratedRegex(@"^package (\S+)$", RegexOptions.Multiline)]
    private static partial Regex PackageLine();

    [GeneratedRegex(@"^(test_\S+) if \{$", RegexOptions.Multiline)]
    private static partial Regex TestRule();
}
