namespace Noa.Workflows.Tests;

public sealed class WorkflowDefinitionTests
{
    private static WorkflowDefinition Digest() => new("digest",
    [
        TestStage.Ok("runner", "safety=pass", "env"),
        TestStage.Ok("graph", "classifier"),
        TestStage.Ok("intake"),
        TestStage.Ok("classifier", "intake"),
        TestStage.Ok("safety", "classifier"),
        TestStage.Ok("env", "classifier", "graph"),
    ]);

    [Fact]
    public void Stages_ValidDag_AreInTopologicalOrderKeepingDeclarationOrderForTies()
    {
        Assert.Equal(["intake", "classifier", "graph", "safety", "env", "runner"], Digest().StageNames);
    }

    [Fact]
    public void Constructor_DuplicateName_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => new WorkflowDefinition("w", [TestStage.Ok("a"), TestStage.Ok("a")]));

        Assert.Contains("'a' is declared more than once", e.Message);
    }

    [Fact]
    public void Constructor_UnknownDependency_ThrowsNamingStageAndDependency()
    {
        var e = Assert.Throws<ArgumentException>(() => new WorkflowDefinition("w", [TestStage.Ok("a", "ghost")]));

        Assert.Contains("'a' depends on unknown stage 'ghost'", e.Message);
    }

    [Fact]
    public void Constructor_Cycle_ThrowsNamingTheCycle()
    {
        var e = Assert.Throws<ArgumentException>(() => new WorkflowDefinition("w",
            [TestStage.Ok("root"), TestStage.Ok("a", "root", "c"), TestStage.Ok("b", "a"), TestStage.Ok("c", "b")]));

        Assert.Contains("dependency cycle", e.Message);
        Assert.Matches("(a → c → b → a)|(b → a → c → b)|(c → b → a → c)", e.Message);
    }

    [Fact]
    public void Constructor_SeveralProblems_ReportsEveryOne()
    {
        var e = Assert.Throws<ArgumentException>(() => new WorkflowDefinition("w",
            [TestStage.Ok("a"), TestStage.Ok("a"), TestStage.Ok("b", "x"), TestStage.Ok("c", "y")]));

        Assert.Contains("'a' is declared more than once", e.Message);
        Assert.Contains("'x'", e.Message);
        Assert.Contains("'y'", e.Message);
    }

    [Theory]
    [InlineData("intake", "intake")]
    [InlineData("graph", "intake,classifier,graph")]
    [InlineData("runner", "intake,classifier,graph,safety,env,runner")]
    [InlineData("safety,graph", "intake,classifier,graph,safety")]
    public void Closure_Names_ReturnsThemAndEverythingTheyNeedInOrder(string only, string expected)
    {
        var closure = Digest().Closure(only.Split(','));

        Assert.Equal(expected.Split(','), closure.Select(s => s.Name));
    }

    [Fact]
    public void Closure_UnknownName_ThrowsListingValidNames()
    {
        var e = Assert.Throws<ArgumentException>(() => Digest().Closure(["graph", "grpah"]));

        Assert.Contains("'grpah'", e.Message);
        Assert.Contains("valid stages: intake, classifier, graph, safety, env, runner", e.Message);
    }
}
