using System.Text.Json.Nodes;
using Json.Schema;

namespace Noa.Stages.Classifier.Tests.Scoping;

/// <summary>Scopes through the whole classification: files.json, project conventions, and what the profile counts in which scope.</summary>
public sealed class ScopeTests
{
    private static readonly JsonSchema FilesSchema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "files.schema.json"));

    [Fact]
    public async Task Classify_DotNetTestProjectAnyFolder_IsTestScope()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("src/Shop/Shop.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"></Project>"""),
            ("src/Shop/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\n"),
            ("src/Shop.Checks/Shop.Checks.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.0.0" /></ItemGroup></Project>"""),
            ("src/Shop.Checks/OrderChecks.cs", "public class OrderChecks { }\n"));

        var scope = result.FileList.Files.ToDictionary(f => f.Path, f => f.Scope);
        Assert.Equal(FileScopes.Product, scope["src/Shop/Program.cs"]);
        Assert.Equal(FileScopes.Test, scope["src/Shop.Checks/OrderChecks.cs"]);
        Assert.Equal(FileScopes.Test, scope["src/Shop.Checks/Shop.Checks.csproj"]);
    }

    [Fact]
    public async Task Classify_FixtureAndExampleManifests_AreNotTheProducts()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("go.mod", "module example.com/tool\n"),
            ("main.go", "package main\n\nimport \"flag\"\n\nfunc main() { flag.Parse() }\n"),
            ("tests/Fixtures/npm/package.json", """{ "name": "fixture", "license": "GPL-3.0-only", "dependencies": { "express": "4" } }"""),
            ("tests/Fixtures/cargo/Cargo.toml", "[package]\nname = \"x\"\n[dependencies]\nclap = \"4\"\n"),
            ("examples/web/requirements.txt", "fastapi==0.110\n"),
            ("examples/web/app.py", "from fastapi import FastAPI\napp = FastAPI()\n"));
        var p = result.Profile;

        Assert.Equal(["go-modules"], p.BuildSystems.Select(b => b.Id));
        Assert.Empty(p.Frameworks);
        Assert.Equal(["pip"], p.Elsewhere.BuildSystems.Select(b => b.Id));
        var fastapi = Assert.Single(p.Elsewhere.Frameworks);
        Assert.Equal("fastapi", fastapi.Id);
        Assert.Equal([FileScopes.Example], fastapi.Scopes);
        Assert.DoesNotContain(p.Licenses.Declared, d => d.Path.StartsWith("tests/", StringComparison.Ordinal));
        Assert.Equal("cli", p.ServiceType);
        Assert.Equal(2, p.Scopes.Example); // requirements.txt and app.py
        Assert.Equal(2, p.Scopes.Fixture);
    }

    [Fact]
    public async Task Classify_ExamplesOfLinguistDocumentation_KeepTheirLanguage()
    {
        var result = await MemoryFiles.ClassifyAsync(("examples/hello.py", "print('hello')\n"), ("src/app.py", "print(1)\n"));
        var example = result.FileList.Files.Single(f => f.Path == "examples/hello.py");

        Assert.Equal(("documentation", "Python", FileScopes.Example), (example.Category, example.Language, example.Scope));
        // linguist's breakdown is unchanged: examples/ does not count.
        Assert.Equal(1, Assert.Single(result.Profile.Languages).Files);
    }

    [Fact]
    public async Task Serialize_FileList_MatchesSchema()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("src/a.py", "print(1)\n"), ("tests/test_a.py", "def test_a(): pass\n"), ("tests/fixtures/x.json", "{}"),
            ("examples/b.py", "print(2)\n"), ("benches/b.rs", "fn main() {}\n"), ("README.md", "# x\n"), ("package-lock.json", "{}"),
            ("vendor/lib.js", "var x;\n"), ("logo.png", "\u0000PNG"), ("empty.txt", ""));
        var node = JsonNode.Parse(result.FileList.ToJson());
        var evaluation = FilesSchema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(evaluation.IsValid, string.Join("\n", evaluation.Details.Where(d => d.HasErrors).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
        Assert.Equal(FileScopes.All.Order(StringComparer.Ordinal), result.FileList.Files.Select(f => f.Scope).Distinct().Order(StringComparer.Ordinal));
    }
}
