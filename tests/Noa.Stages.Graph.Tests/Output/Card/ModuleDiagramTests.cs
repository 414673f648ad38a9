using Noa.Stages.Graph.Output.Card;

namespace Noa.Stages.Graph.Tests.Output.Card;

public sealed class ModuleDiagramTests
{
    [Theory]
    [InlineData(new[] { "a/x.go", "b/x.go", "c/x.go" }, "")]
    [InlineData(new[] { "src/main/java/io/spring/api/A.java", "src/main/java/io/spring/core/B.java", "src/main/java/io/spring/App.java" }, "src/main/java/io/spring")]
    [InlineData(new[] { "src/pkg/a/x.py", "src/pkg/b/y.py", "src/pkg/__init__.py" }, "src/pkg")]
    [InlineData(new[] { "autoapp.py", "conduit/a/x.py", "conduit/b/y.py", "conduit/c.py", "conduit/d.py", "conduit/e.py", "conduit/f.py", "conduit/g.py", "conduit/h.py", "conduit/i.py", "conduit/j.py" }, "conduit")]
    [InlineData(new[] { "x.go" }, "")]
    public void Base_ProductFiles_DeepestFolderHoldingThem(string[] files, string expected) =>
        Assert.Equal(expected, ModuleDiagram.Base(files));

    [Theory]
    [InlineData("src/main/java/io/spring", "src/main/java/io/spring/api/A.java", "api")]
    [InlineData("src/main/java/io/spring", "src/main/java/io/spring/App.java", "spring")]
    [InlineData("", "main.go", "(root)")]
    [InlineData("conduit", "autoapp.py", "(root)")]
    [InlineData("conduit", "conduit/user/views.py", "user")]
    public void Module_File_FirstFolderBelowTheBase(string baseDir, string file, string expected) =>
        Assert.Equal(expected, ModuleDiagram.Module(baseDir, file));
}
