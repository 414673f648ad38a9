namespace Noa.Stages.Classifier.Tests.Apps;

/// <summary>Apps of small hand-written repositories shaped like the real ones (FastAPI + React SPA, .NET Aspire, Spring Boot).</summary>
public sealed class AppTests
{
    [Fact]
    public async Task Classify_BackendApiAndSpa_AreTwoAppsAndTheProductIsAService()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("package.json", """{ "name": "stack", "private": true, "workspaces": ["frontend"] }"""),
            ("bun.lock", "{}"),
            ("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"backend\"]\n[dependency-groups]\ndev = [\"typer\"]\n"),
            ("uv.lock", "version = 1\n"),
            ("scripts/release.py", "import argparse\nif __name__ == \"__main__\":\n    argparse.ArgumentParser().parse_args()\n"),
            ("backend/pyproject.toml", "[project]\nname = \"app\"\ndependencies = [\"fastapi[standard]>=0.110\", \"sqlmodel>=0.0.20\", \"alembic>=1.12\", \"pydantic-settings>=2.2\"]\n"),
            ("backend/app/main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
            ("backend/tests/test_main.py", "def test_root():\n    pass\n"),
            ("frontend/package.json", """{ "name": "frontend", "private": true, "dependencies": { "react": "^19.0.0", "react-dom": "^19.0.0" }, "devDependencies": { "vite": "^6.0.0", "@playwright/test": "1.50.0" } }"""),
            ("frontend/index.html", "<div id=\"root\"></div>\n"),
            ("frontend/src/main.tsx", "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!);\n"));
        var p = result.Profile;

        Assert.Equal(["backend", "frontend"], p.Apps.Select(a => a.Root));
        var backend = p.Apps[0];
        Assert.Equal(("app", "service", "Python"), (backend.Name, backend.Kind, backend.Language));
        Assert.Equal(["alembic", "fastapi", "pydantic-settings", "sqlmodel"], backend.Frameworks);
        Assert.Equal(new AppBuild("uv", "backend/pyproject.toml", "uv", "uv.lock"), Assert.Single(backend.Builds));
        var frontend = p.Apps[1];
        Assert.Equal(("frontend", "web-app", "TypeScript"), (frontend.Name, frontend.Kind, frontend.Language));
        Assert.Equal(new AppBuild("bun", "frontend/package.json", "bun", "bun.lock"), Assert.Single(frontend.Builds));
        Assert.Equal(".", frontend.Workspace);
        Assert.Equal(".", backend.Workspace);
        Assert.Equal([("bun", ".", "package.json"), ("uv", ".", "pyproject.toml")], p.Workspaces.Select(w => (w.Tool, w.Root, w.Manifest)));
        // Not "frontend": the SPA is the service's UI.
        Assert.Equal("http-api", p.ServiceType);
        Assert.All(p.Apps, a => Assert.InRange(a.Confidence, 0.5, 1));
    }

    [Fact]
    public async Task Classify_AspireSolution_KnowsAppHostServicesWorkersWebAppsAndLibraries()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("Shop.slnx", """<Solution><Folder Name="/src/"><Project Path="src/Shop.AppHost/Shop.AppHost.csproj" /><Project Path="src/Catalog.Api/Catalog.Api.csproj" /><Project Path="src/Shop.Web/Shop.Web.csproj" /><Project Path="src/Shop.Web.Client/Shop.Web.Client.csproj" /><Project Path="src/Orders.Worker/Orders.Worker.csproj" /><Project Path="src/Shop.ServiceDefaults/Shop.ServiceDefaults.csproj" /></Folder><Folder Name="/tests/"><Project Path="tests/Catalog.Tests/Catalog.Tests.csproj" /></Folder></Solution>"""),
            ("src/Shop.AppHost/Shop.AppHost.csproj", """<Project Sdk="Aspire.AppHost.Sdk/13.0.0"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup><ItemGroup><PackageReference Include="Aspire.Hosting.PostgreSQL" /></ItemGroup></Project>"""),
            ("src/Shop.AppHost/AppHost.cs", "var builder = DistributedApplication.CreateBuilder(args);\nbuilder.Build().Run();\n"),
            ("src/Catalog.Api/Catalog.Api.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Aspire.Npgsql.EntityFrameworkCore.PostgreSQL" /><PackageReference Include="Microsoft.EntityFrameworkCore.Tools" /></ItemGroup></Project>"""),
            ("src/Catalog.Api/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapGet(\"/items\", () => 1);\napp.Run();\n"),
            ("src/Shop.Web/Shop.Web.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"></Project>"""),
            ("src/Shop.Web/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddRazorComponents();\n"),
            ("src/Shop.Web/Components/App.razor", "<h1>Shop</h1>\n"),
            ("src/Shop.Web/Components/Pages/Home.razor", "@page \"/\"\n"),
            ("src/Shop.Web.Client/Shop.Web.Client.csproj", """<Project Sdk="Microsoft.NET.Sdk.BlazorWebAssembly"><ItemGroup><PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly" /></ItemGroup></Project>"""),
            ("src/Shop.Web.Client/Program.cs", "var builder = WebAssemblyHostBuilder.CreateDefault(args);\nawait builder.Build().RunAsync();\n"),
            ("src/Shop.Web.Client/Pages/Cart.razor", "@page \"/cart\"\n"),
            ("src/Orders.Worker/Orders.Worker.csproj", """<Project Sdk="Microsoft.NET.Sdk.Worker"><ItemGroup><PackageReference Include="RabbitMQ.Client" Version="7.0.0" /></ItemGroup></Project>"""),
            ("src/Orders.Worker/Worker.cs", "public sealed class Worker : BackgroundService { }\n"),
            ("src/Shop.ServiceDefaults/Shop.ServiceDefaults.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><IsAspireSharedProject>true</IsAspireSharedProject></PropertyGroup><ItemGroup><FrameworkReference Include="Microsoft.AspNetCore.App" /></ItemGroup></Project>"""),
            ("src/Shop.ServiceDefaults/Extensions.cs", "public static class Extensions { }\n"),
            ("tests/Catalog.Tests/Catalog.Tests.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="xunit.v3" /><PackageReference Include="Testcontainers.PostgreSql" /></ItemGroup></Project>"""),
            ("tests/Catalog.Tests/ApiTests.cs", "public class ApiTests { }\n"));
        var p = result.Profile;

        var kinds = p.Apps.ToDictionary(a => a.Name, a => a.Kind);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Catalog.Api"] = "service", ["Orders.Worker"] = "worker", ["Shop.AppHost"] = "app-host", ["Shop.ServiceDefaults"] = "library",
            // A web host's Razor components are pages its server renders (Blazor Server); the WebAssembly client is the browser's UI
            // (its SDK makes it an executable, not a class library).
            ["Shop.Web"] = "service", ["Shop.Web.Client"] = "web-app",
        }, kinds);
        Assert.Equal(["aspire", "aspnetcore", "efcore"], p.Apps.Single(a => a.Name == "Catalog.Api").Frameworks);
        var solution = Assert.Single(p.Workspaces);
        Assert.Equal(("dotnet", ".", "Shop.slnx"), (solution.Tool, solution.Root, solution.Manifest));
        Assert.Equal(p.Apps.Select(a => a.Root).Order(StringComparer.Ordinal), solution.Members);
        // The test project is the repository's own: its frameworks count, in scope test, but it is no app.
        Assert.Equal([FileScopes.Test], p.Frameworks.Single(f => f.Id == "testcontainers").Scopes);
        Assert.Contains(p.Frameworks, f => f.Id == "xunit");
        Assert.Equal("http-api", p.ServiceType);
    }

    [Fact]
    public async Task Classify_SpringBootWithJpaAndThymeleaf_IsOneServiceWithItsFrameworks()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("pom.xml", """
                <project><modelVersion>4.0.0</modelVersion><artifactId>petclinic</artifactId>
                <dependencies>
                  <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-webmvc</artifactId></dependency>
                  <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-jpa</artifactId></dependency>
                  <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-thymeleaf</artifactId></dependency>
                  <dependency><groupId>org.testcontainers</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>
                </dependencies></project>
                """),
            ("src/main/java/org/example/petclinic/PetClinicApplication.java", "@SpringBootApplication\npublic class PetClinicApplication { public static void main(String[] args) { } }\n"),
            ("src/main/resources/templates/welcome.html", "<html></html>\n"),
            ("src/test/java/org/example/petclinic/PetClinicTests.java", "class PetClinicTests { }\n"));
        var p = result.Profile;

        var app = Assert.Single(p.Apps);
        Assert.Equal(("petclinic", ".", "service", "Java"), (app.Name, app.Root, app.Kind, app.Language));
        Assert.Equal(["spring-boot", "spring-data-jpa", "testcontainers", "thymeleaf"], app.Frameworks);
        // org.testcontainers:junit-jupiter is Testcontainers, not JUnit.
        Assert.DoesNotContain(p.Frameworks, f => f.Id == "junit");
        // com.example / org.example package folders are no examples.
        Assert.Equal(FileScopes.Product, result.FileList.Files.Single(f => f.Path.EndsWith("PetClinicApplication.java", StringComparison.Ordinal)).Scope);
    }

    [Fact]
    public async Task Classify_PythonPackagesInSubfolders_AreAppsEachWithoutAWorkspace()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("packages/core/pyproject.toml", "[project]\nname = \"acme-core\"\n"),
            ("packages/core/src/acme_core/__init__.py", "VERSION = 1\n"),
            ("packages/cli/pyproject.toml", "[project]\nname = \"acme-cli\"\ndependencies = [\"click\", \"acme-core\"]\n[project.scripts]\nacme = \"acme_cli:main\"\n"),
            ("packages/cli/src/acme_cli/__init__.py", "import click\n"),
            ("README.md", "# acme\n"));

        Assert.Equal([("acme-cli", "cli"), ("acme-core", "library")], result.Profile.Apps.Select(a => (a.Name, a.Kind)));
        Assert.Empty(result.Profile.Workspaces);
        Assert.All(result.Profile.Apps, a => Assert.Null(a.Workspace));
    }

    [Fact]
    public async Task Classify_ToolingOnlyManifests_MakeNoApp()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("package.json", """{ "name": "e2e", "private": true, "devDependencies": { "@playwright/test": "1.50.0" } }"""),
            ("e2e/home.spec.ts", "import { test } from '@playwright/test';\n"),
            ("pyproject.toml", "[tool.ruff]\nline-length = 100\n"),
            ("go.mod", "module example.com/svc\n"),
            ("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n"));

        var app = Assert.Single(result.Profile.Apps);
        Assert.Equal(("example.com/svc", "service", "Go"), (app.Name, app.Kind, app.Language));
        Assert.Equal(new AppBuild("go-modules", "go.mod", null, null), Assert.Single(app.Builds));
    }
}
