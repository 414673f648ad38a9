using Noa.Stages.Classifier.Scoping;

namespace Noa.Stages.Classifier.Tests.Scoping;

/// <summary>Path conventions of real build tools and test frameworks; each row names where the convention comes from.</summary>
public sealed class ScopeRulesTests
{
    [Theory]
    // Test folders and test source sets: pytest/unittest, Maven/Gradle (src/test, src/integrationTest, src/testFixtures), Jest, RSpec.
    [InlineData("tests/test_app.py", FileScopes.Test)]
    [InlineData("Lib/test/test_json/test_dump.py", FileScopes.Test)]
    [InlineData("src/test/java/org/example/AppTest.java", FileScopes.Test)]
    [InlineData("core/src/integrationTest/kotlin/ApiIT.kt", FileScopes.Test)]
    [InlineData("lib/src/testFixtures/java/Fakes.java", FileScopes.Test)]
    [InlineData("web/src/__tests__/App.jsx", FileScopes.Test)]
    [InlineData("spec/models/user_spec.rb", FileScopes.Test)]
    [InlineData("e2e/login.spec.ts", FileScopes.Test)]
    [InlineData("apps/web-e2e/src/app.cy.ts", FileScopes.Test)]
    // .NET test project folders (App.Tests, App.UnitTests) and a lower-case word that only ends in "test" (not one).
    [InlineData("src/Catalog.UnitTests/CatalogTests.cs", FileScopes.Test)]
    [InlineData("Shop.Tests/OrderTests.cs", FileScopes.Test)]
    [InlineData("releases/v1.latest/notes.cs", FileScopes.Product)]
    // Test file names: go test, pytest, Jest/Vitest, Nest e2e, Cypress, PHPUnit, GoogleTest, ExUnit; test runner configuration.
    [InlineData("net/http/server_test.go", FileScopes.Test)]
    [InlineData("pkg/test_util.py", FileScopes.Test)]
    [InlineData("src/utils/format.test.ts", FileScopes.Test)]
    [InlineData("src/app.e2e-spec.ts", FileScopes.Test)]
    [InlineData("src/Controller/UserControllerTest.php", FileScopes.Test)]
    [InlineData("base/strings_unittest.cc", FileScopes.Test)]
    [InlineData("lib/app_test.exs", FileScopes.Test)]
    [InlineData("conftest.py", FileScopes.Test)]
    [InlineData("playwright.config.ts", FileScopes.Test)]
    [InlineData("jest.config.js", FileScopes.Test)]
    // Not tests: a product module named like one, Go's test helpers, a testing package.
    [InlineData("Lib/unittest/case.py", FileScopes.Product)]
    [InlineData("net/http/httptest/server.go", FileScopes.Product)]
    [InlineData("numpy/testing/utils.py", FileScopes.Product)]
    [InlineData("src/contest/entry.py", FileScopes.Product)]
    // Fixtures: any depth, any case; data folders inside test folders; Maven test resources; Go testdata; Jest snapshots.
    [InlineData("tests/Noa.Safety.Sbom.Tests/Fixtures/go/go.mod", FileScopes.Fixture)]
    [InlineData("pkg/parser/testdata/input.go", FileScopes.Fixture)]
    [InlineData("src/test/resources/application.yml", FileScopes.Fixture)]
    [InlineData("tests/data/sample.json", FileScopes.Fixture)]
    [InlineData("web/src/__snapshots__/App.test.tsx.snap", FileScopes.Fixture)]
    [InlineData("data/users.json", FileScopes.Product)]
    // Examples, samples, demos at any depth; Storybook stories.
    [InlineData("examples/basic/main.py", FileScopes.Example)]
    [InlineData("packages/router/examples/app.ts", FileScopes.Example)]
    [InlineData("docs/examples/tutorial001.py", FileScopes.Example)]
    [InlineData("samples/Todo/Program.cs", FileScopes.Example)]
    [InlineData("spring-boot-sample-web/src/main/java/App.java", FileScopes.Example)]
    [InlineData("src/components/Button.stories.tsx", FileScopes.Example)]
    // Benchmarks: Rust benches/, bench/, JMH, BenchmarkDotNet projects, Vitest bench files.
    [InlineData("benches/parse.rs", FileScopes.Benchmark)]
    [InlineData("bench/embeddings/Program.cs", FileScopes.Benchmark)]
    [InlineData("src/jmh/java/ParseBench.java", FileScopes.Benchmark)]
    [InlineData("perf/Json.Benchmarks/Serialize.cs", FileScopes.Benchmark)]
    [InlineData("src/sort.bench.ts", FileScopes.Benchmark)]
    // Documentation: documentation.yml paths; not examples/ (which linguist also calls documentation).
    [InlineData("docs/conf.py", FileScopes.Documentation)]
    [InlineData("CHANGELOG.md", FileScopes.Documentation)]
    [InlineData("src/Program.cs", FileScopes.Product)]
    public void Decide_Path_FollowsConventions(string path, string scope) =>
        Assert.Equal(scope, ScopeRules.Decide(path, vendoredByRule: false, generated: false, documentationOverride: null, prose: false));

    [Fact]
    public void Decide_LinguistDecisions_ComeFirstButFixturesAreNotThirdParty()
    {
        Assert.Equal(FileScopes.Vendored, ScopeRules.Decide("node_modules/x/test/fixtures/a.js", true, false, null, false));
        Assert.Equal(FileScopes.Generated, ScopeRules.Decide("package-lock.json", false, true, null, false));
        Assert.Equal(FileScopes.Fixture, ScopeRules.Decide("tests/fixtures/package-lock.json", false, true, null, false));
        Assert.Equal(FileScopes.Documentation, ScopeRules.Decide("notes/design.md", false, false, null, prose: true));
        Assert.Equal(FileScopes.Documentation, ScopeRules.Decide("src/App.cs", false, false, documentationOverride: true, false));
        Assert.Equal(FileScopes.Product, ScopeRules.Decide("docs/site.py", false, false, documentationOverride: false, false));
    }
}
