using Noa.Yaml;
using Noa.Stages.Intake.Tests.Support;

namespace Noa.Stages.Intake.Tests;

public sealed class YamlGuardTests
{
    [Theory]
    [InlineData("a: 1\nb: [1, 2, 3]\n", 100)]
    [InlineData("base: &b {x: 1, y: 2}\nuse: *b\nagain: *b\n", 100)]
    [InlineData("", 1)]
    public void Check_OrdinaryYaml_Passes(string yaml, long limit) =>
        Assert.Null(YamlGuard.Check(yaml, limit, "doc"));

    [Fact]
    public void Check_AliasesCountAtTheirExpandedSize()
    {
        // Root 1 + keys 2 + anchored list (1 + 3) + outer list 1 + two aliases of 4 each = 16 nodes.
        const string yaml = "a: &x [1, 2, 3]\nb: [*x, *x]\n";

        Assert.Null(YamlGuard.Check(yaml, 16, "doc"));
        Assert.Contains("more than 15 YAML nodes", YamlGuard.Check(yaml, 15, "doc"), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BillionLaughs_IsRefused() =>
        Assert.Contains("alias bomb", YamlGuard.Check(BillionLaughs.Document(""), 1_000_000, "doc"), StringComparison.Ordinal);

    [Fact]
    public void Check_UnknownAlias_IsRefused() =>
        Assert.Contains("'*nope'", YamlGuard.Check("a: *nope\n", 100, "doc"), StringComparison.Ordinal);

    [Fact]
    public void Check_DeepNesting_IsRefused() =>
        Assert.Contains("nesting deeper", YamlGuard.Check(new string('[', 2000) + new string(']', 2000), 1_000_000, "doc"), StringComparison.Ordinal);
}
