using Noa.Stages.Graph.Output.Card;

namespace Noa.Stages.Graph.Tests.Output.Card;

public sealed class ModuleDiagramTests
{
    [Theory]
    [InlineData(new[] { "a/x.go", "b/x.go", "c/x.go" }, 1)]
    [InlineData(new[] { "src/a/x.go", "src/b/x.go", "src/c/d/x.go" }, 2)]
    [InlineData(new[] { "src/a/x.go", "src/b/x.go" }, 2)]
    [InlineData(new[] { "x.go" }, 1)]
    public void ChooseDepth_Files_ShallowestWithThreeModules(string[] files, int expected) =>
        Assert.Equal(expected, ModuleDiagram.ChooseDepth(files));

    [Theory]
    [InlineData("", 2, ".")]
    [InlineData("src/a/b", 2, "src/a")]
    [InlineData("src", 2, "src")]
    public void Module_Directory_CollapsedToDepth(string dir, int depth, string expected) =>
        Assert.Equal(expected, ModuleDiagram.Module(dir, depth));
}
