namespace Noa.Safety.Sbom.Tests;

public sealed class MalformedInputTests
{
    public static TheoryData<string, string> Files() => new()
    {
        { "package-lock.json", "{\"packages\": {\"node_modules/a\": " },
        { "package-lock.json", "[1, 2]" },
        { "yarn.lock", "not a header line\n  version \"1\"" },
        { "yarn.lock", "\"a@^1:\n  version \"1" },
        { "pnpm-lock.yaml", "packages: [unclosed" },
        { "poetry.lock", "[[package]\nname = " },
        { "uv.lock", "version = = 1" },
        { "Pipfile.lock", "{\"default\": " },
        { "pyproject.toml", "[project\ndependencies = [" },
        { "Cargo.lock", "[[package]]\nname = \"x\"\nversion = " },
        { "pom.xml", "<project><dependencies>" },
        { "pom.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><project>&e;</project>" },
        { "packages.lock.json", "{\"dependencies\": 3" },
        { "App.csproj", "<Project><ItemGroup><PackageReference Include=\"A\" Version=\"1\"></ItemGroup>" },
        { "composer.lock", "{\"packages\": [" },
        { "gradle.lockfile", "just-one-part=compileClasspath" },
        { "go.mod", "module x\nrequire (\n\tgithub.com/only/path\n)" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Build_MalformedFile_ReportsAProblemNamingItAndKeepsTheOthers(string name, string content)
    {
        var path = $"sub/{name}";
        var good = "{\"lockfileVersion\": 3, \"packages\": {\"\": {}, \"node_modules/ok\": {\"version\": \"1.0.0\"}}}";
        var sbom = SbomBuilder.Build([(path, System.Text.Encoding.UTF8.GetBytes(content)), ("good/package-lock.json", System.Text.Encoding.UTF8.GetBytes(good))], "p");

        var problem = Assert.Single(sbom.Problems);
        Assert.Equal(path, problem.Path);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        Assert.Contains(sbom.Components, c => c.Purl == "pkg:npm/ok@1.0.0");
    }

    [Fact]
    public void Build_ManifestsInsideNodeModulesOrVendor_AreNotRead()
    {
        var lockfile = System.Text.Encoding.UTF8.GetBytes("{\"lockfileVersion\": 3, \"packages\": {\"node_modules/x\": {\"version\": \"1.0.0\"}}}");
        var sbom = SbomBuilder.Build([("node_modules/a/package-lock.json", lockfile), ("vendor/b/package-lock.json", lockfile)], "p");

        Assert.Empty(sbom.Components);
    }
}
