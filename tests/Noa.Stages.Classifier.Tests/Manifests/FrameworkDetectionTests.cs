namespace Noa.Stages.Classifier.Tests.Manifests;

// Issue 13 item 4: the frameworks and build tools that decide how an app is built and run, each from the manifest form it is
// declared in, with the evidence naming the file and the declaration.
public sealed class FrameworkDetectionTests
{
    [Theory]
    [InlineData("Web.Client/Web.Client.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.BlazorWebAssembly\"></Project>", "blazor", "Sdk=\"Microsoft.NET.Sdk.BlazorWebAssembly\"")]
    [InlineData("Web/Web.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><ItemGroup><PackageReference Include=\"Microsoft.AspNetCore.Components.WebAssembly.Server\" Version=\"9.0.0\" /></ItemGroup></Project>", "blazor", "<PackageReference Include=\"Microsoft.AspNetCore.Components.WebAssembly.Server\" Version=\"9.0.0\" />")]
    [InlineData("Mobile/Mobile.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><UseMaui>true</UseMaui></PropertyGroup></Project>", "maui", "<UseMaui>true</UseMaui>")]
    [InlineData("AppHost/AppHost.csproj", "<Project Sdk=\"Aspire.AppHost.Sdk/9.2.0\"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>", "aspire", "Sdk=\"Aspire.AppHost.Sdk\"")]
    [InlineData("Data/Data.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"Microsoft.EntityFrameworkCore.SqlServer\" Version=\"9.0.0\" /></ItemGroup></Project>", "efcore", "<PackageReference Include=\"Microsoft.EntityFrameworkCore.SqlServer\" Version=\"9.0.0\" />")]
    [InlineData("package.json", """{ "name": "api", "dependencies": { "@prisma/client": "^6.0.0" }, "devDependencies": { "prisma": "^6.0.0" } }""", "prisma", "dependencies.@prisma/client ^6.0.0")]
    [InlineData("requirements.txt", "SQLAlchemy[asyncio]==2.0.30\n", "sqlalchemy", "line 1: SQLAlchemy[asyncio]==2.0.30")]
    [InlineData("build.gradle.kts", "dependencies {\n  implementation(\"org.springframework.boot:spring-boot-starter-data-jpa:3.3.0\")\n}\n", "spring-data-jpa", "implementation(\"org.springframework.boot:spring-boot-starter-data-jpa:3.3.0\"")]
    [InlineData("go.mod", "module example.com/x\n\nrequire github.com/testcontainers/testcontainers-go v0.31.0\n", "testcontainers", "line 3: require github.com/testcontainers/testcontainers-go v0.31.0")]
    public async Task Classify_Manifest_FindsTheFrameworkWithItsEvidence(string path, string text, string id, string detail)
    {
        var result = await MemoryFiles.ClassifyAsync((path, text));
        var framework = Assert.Single(result.Profile.Frameworks, f => f.Id == id);
        Assert.Contains(framework.Evidence, e => e.Path == path && e.Detail == detail);
    }

    [Theory]
    [InlineData("nx.json", "{}", "nx")]
    [InlineData("turbo.json", """{ "tasks": {} }""", "turborepo")]
    [InlineData("package.json", """{ "name": "root", "private": true, "devDependencies": { "turbo": "^2.0.0" } }""", "turborepo")]
    [InlineData("package.json", """{ "name": "root", "private": true, "devDependencies": { "@nx/js": "20.0.0" } }""", "nx")]
    public async Task Classify_MonorepoTool_IsABuildSystem(string path, string text, string id) =>
        Assert.Contains((await MemoryFiles.ClassifyAsync((path, text))).Profile.BuildSystems, b => b.Id == id && b.Evidence.Any(e => e.Path == path));

    [Fact]
    public async Task Classify_LookalikePackages_AreNotTheFrameworks()
    {
        // Control: names that share a prefix or an artifact with a catalogue entry but are other projects.
        var result = await MemoryFiles.ClassifyAsync(
            ("package.json", """{ "name": "x", "dependencies": { "prismjs": "^1.29.0", "playwright-core-lookalike": "1.0.0" } }"""),
            ("pom.xml", "<project><dependencies><dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId></dependency></dependencies></project>"));
        Assert.DoesNotContain(result.Profile.Frameworks, f => f.Id is "prisma" or "playwright" or "testcontainers");
        Assert.Contains(result.Profile.Frameworks, f => f.Id == "junit");
    }
}
