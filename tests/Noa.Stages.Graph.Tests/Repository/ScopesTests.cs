using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Tests.Repository;

public sealed class ScopesTests
{
    [Theory]
    [InlineData("app/db.py", Scopes.Product)]
    [InlineData("tests/test_db.py", Scopes.Test)]
    [InlineData("app/test_db.py", Scopes.Test)]
    [InlineData("app/db_test.py", Scopes.Test)]
    [InlineData("app/conftest.py", Scopes.Test)]
    [InlineData("polls/tests.py", Scopes.Test)] // Django
    [InlineData("pkg/conn_test.go", Scopes.Test)]
    [InlineData("pkg/testdata/main.go", Scopes.Fixture)]
    [InlineData("tests/fixtures/app/main.py", Scopes.Fixture)]
    [InlineData("src/components/Button.test.tsx", Scopes.Test)]
    [InlineData("src/__tests__/a.js", Scopes.Test)]
    [InlineData("src/test/java/org/x/AppTest.java", Scopes.Test)]
    [InlineData("src/main/java/org/springframework/samples/petclinic/App.java", Scopes.Product)] // a package, not examples
    [InlineData("tests/Basket.UnitTests/Program.cs", Scopes.Test)]
    [InlineData("src/Ordering.FunctionalTests/X.cs", Scopes.Test)]
    [InlineData("examples/hello/main.go", Scopes.Example)]
    [InlineData("benches/parse.rs", Scopes.Benchmark)]
    [InlineData("bench/graph/Program.cs", Scopes.Benchmark)]
    [InlineData("docs/conf.py", Scopes.Documentation)]
    [InlineData("fuzz/fuzz_targets/glob.rs", Scopes.Test)]
    [InlineData("src/Noa.Cli/Program.cs", Scopes.Product)]
    [InlineData("contest/app.py", Scopes.Product)]
    public void ByPath_FrameworkConventions(string path, string expected) => Assert.Equal(expected, Scopes.ByPath(path));

    [Fact]
    public void Of_ClassifierScope_WinsOverPaths() =>
        Assert.Equal(Scopes.Example, new Scopes(new Dictionary<string, string> { ["app/db.py"] = Scopes.Example }).Of("app/db.py"));
}
