namespace Noa.Stages.Classifier.Tests.Manifests;

public sealed class ManifestDetectionTests
{
    [Fact]
    public async Task Classify_ExpressApp_FindsNpmExpressAndHttpApi()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("package.json", """{ "name": "api", "private": true, "license": "MIT", "dependencies": { "express": "^4.18.2" }, "devDependencies": { "jest": "^29.0.0" } }"""),
            ("server.js", "const express = require('express');\nconst app = express();\napp.listen(3000);\n"));
        var p = result.Profile;
        var npm = Assert.Single(p.BuildSystems, b => b.Id == "npm");
        Assert.Equal("package-manager", npm.Kind);
        var express = Assert.Single(p.Frameworks, f => f.Id == "express");
        Assert.Equal(new Evidence("package.json", "dependencies.express ^4.18.2"), Assert.Single(express.Evidence));
        Assert.Contains(p.Frameworks, f => f.Id == "jest");
        Assert.Equal("http-api", p.ServiceType);
        Assert.Equal("MIT", p.Licenses.Primary);
    }

    [Fact]
    public async Task Classify_YarnLockfile_ReportsYarnNotNpm()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("package.json", """{ "name": "ui", "dependencies": { "react": "18.2.0", "react-dom": "18.2.0" } }"""),
            ("yarn.lock", "# yarn lockfile v1\n"),
            ("public/index.html", "<!doctype html><html><body><div id=root></div></body></html>\n"),
            ("src/App.jsx", "export default function App() { return <div/>; }\n"));
        var p = result.Profile;
        Assert.Contains(p.BuildSystems, b => b.Id == "yarn");
        Assert.DoesNotContain(p.BuildSystems, b => b.Id == "npm");
        Assert.Contains(p.Frameworks, f => f.Id == "react");
        Assert.Equal("frontend", p.ServiceType);
    }

    [Fact]
    public async Task Classify_NodeCliWithBin_IsCli()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("package.json", """{ "name": "tool", "bin": { "tool": "cli.js" }, "dependencies": { "commander": "^11.0.0" } }"""),
            ("package-lock.json", "{}"),
            ("cli.js", "#!/usr/bin/env node\nrequire('commander');\n"));
        Assert.Equal("cli", result.Profile.ServiceType);
        Assert.Contains(result.Profile.ServiceTypes[0].Evidence, e => e.Detail == "bin");
    }

    [Fact]
    public async Task Classify_PythonProjects_ReadRequirementsAndPyproject()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("requirements.txt", "# web\nFastAPI==0.110.0\nuvicorn[standard]>=0.29\n-r dev.txt\n"),
            ("pyproject.toml", """
                [project]
                name = "svc"
                license = "Apache-2.0"
                dependencies = [
                  "celery>=5",  # workers
                  "click",
                ]
                classifiers = ["License :: OSI Approved :: Apache Software License"]

                [project.scripts]
                svc = "svc.cli:main"

                [build-system]
                build-backend = "hatchling.build"
                """),
            ("svc/app.py", "from fastapi import FastAPI\napp = FastAPI()\n"));
        var p = result.Profile;
        Assert.Contains(p.BuildSystems, b => b.Id == "pip");
        Assert.Contains(p.BuildSystems, b => b.Id == "hatch");
        var fastapi = Assert.Single(p.Frameworks, f => f.Id == "fastapi");
        Assert.Equal("line 2: FastAPI==0.110.0", fastapi.Evidence[0].Detail);
        Assert.Contains(p.Frameworks, f => f.Id == "celery");
        Assert.Contains(p.Frameworks, f => f.Id == "click");
        Assert.Contains(p.ServiceTypes, s => s.Type == "cli" && s.Evidence.Any(e => e.Detail == "[project.scripts] svc"));
        Assert.All(p.Licenses.Declared, d => Assert.Equal("Apache-2.0", d.Normalized));
        Assert.Equal(2, p.Licenses.Declared.Count);
    }

    [Fact]
    public async Task Classify_GoModule_FindsGinAndCli()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("go.mod", "module example.com/svc\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgithub.com/spf13/cobra v1.8.0 // indirect\n)\n"),
            ("main.go", "package main\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc main() { r := gin.Default(); r.Run(\":8080\") }\n"));
        var p = result.Profile;
        Assert.Contains(p.BuildSystems, b => b.Id == "go-modules");
        var gin = Assert.Single(p.Frameworks, f => f.Id == "gin");
        Assert.Equal("line 6: require github.com/gin-gonic/gin v1.9.1", gin.Evidence[0].Detail);
        Assert.Equal("http-api", p.ServiceType);
    }

    [Fact]
    public async Task Classify_CargoCrate_ReadsDependenciesAndLegacyLicense()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("Cargo.toml", "[package]\nname = \"web\"\nlicense = \"MIT/Apache-2.0\"\n\n[dependencies]\naxum = \"0.7\"\ntokio = { version = \"1\", features = [\"full\"] }\n\n[dependencies.clap]\nversion = \"4\"\n"),
            ("src/main.rs", "use axum::Router;\nfn main() {}\n"));
        var p = result.Profile;
        Assert.Contains(p.BuildSystems, b => b.Id == "cargo");
        Assert.Contains(p.Frameworks, f => f.Id == "axum");
        Assert.Contains(p.Frameworks, f => f.Id == "clap");
        var declared = Assert.Single(p.Licenses.Declared);
        Assert.Equal("MIT OR Apache-2.0", declared.Normalized);
        Assert.Equal("MIT/Apache-2.0", declared.Value);
        Assert.Equal("http-api", p.ServiceType);
    }

    [Fact]
    public async Task Classify_MavenAndGradle_FindSpringBoot()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("pom.xml", """
                <?xml version="1.0"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <dependencies>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>
                  </dependencies>
                  <licenses><license><name>The Apache Software License, Version 2.0</name></license></licenses>
                </project>
                """),
            ("app/build.gradle.kts", "plugins {\n  id(\"org.springframework.boot\") version \"3.2.0\"\n}\ndependencies {\n  implementation(\"org.springframework.kafka:spring-kafka:3.1.0\")\n}\n"));
        var p = result.Profile;
        Assert.Contains(p.BuildSystems, b => b.Id == "maven");
        Assert.Contains(p.BuildSystems, b => b.Id == "gradle");
        var boot = Assert.Single(p.Frameworks, f => f.Id == "spring-boot");
        Assert.Contains(boot.Evidence, e => e.Path == "pom.xml");
        Assert.Contains(p.Frameworks, f => f.Id == "spring-kafka");
        Assert.Equal("Apache-2.0", Assert.Single(p.Licenses.Declared).Normalized);
        Assert.Equal("http-api", p.ServiceType);
    }

    [Fact]
    public async Task Classify_DotNetProjects_ReadSdkPackagesAndLicense()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("Api/Api.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><PackageLicenseExpression>mit</PackageLicenseExpression></PropertyGroup><ItemGroup><PackageReference Include="Swashbuckle.AspNetCore" Version="6.5.0" /></ItemGroup></Project>"""),
            ("Tool/Tool.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><PackAsTool>true</PackAsTool></PropertyGroup><ItemGroup><PackageReference Include="System.CommandLine" Version="2.0.0" /></ItemGroup></Project>"""),
            ("App.slnx", "<Solution />"),
            ("Api/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.Run();\n"));
        var p = result.Profile;
        Assert.Contains(p.BuildSystems, b => b.Id == "dotnet");
        Assert.Contains(p.BuildSystems, b => b.Id == "nuget");
        var asp = Assert.Single(p.Frameworks, f => f.Id == "aspnetcore");
        Assert.Contains(asp.Evidence, e => e.Detail == "Sdk=\"Microsoft.NET.Sdk.Web\"");
        Assert.Contains(p.Frameworks, f => f.Id == "system-commandline");
        Assert.Equal("MIT", Assert.Single(p.Licenses.Declared).Normalized);
        Assert.Contains(p.ServiceTypes, s => s.Type == "cli");
        Assert.Equal("http-api", p.ServiceType);
    }

    [Theory]
    [InlineData("Makefile", "make")]
    [InlineData("CMakeLists.txt", "cmake")]
    [InlineData("MODULE.bazel", "bazel")]
    [InlineData("meson.build", "meson")]
    [InlineData("configure.ac", "autotools")]
    [InlineData("Gemfile", "bundler")]
    [InlineData("composer.json", "composer")]
    [InlineData("pnpm-lock.yaml", "pnpm")]
    [InlineData("poetry.lock", "poetry")]
    [InlineData("uv.lock", "uv")]
    [InlineData("Pipfile", "pipenv")]
    [InlineData("build.sbt", "sbt")]
    [InlineData("App.sln", "dotnet")]
    public async Task Classify_BuildFile_NamesItsTool(string file, string id)
    {
        var result = await MemoryFiles.ClassifyAsync((file, file == "composer.json" ? "{}" : "x\n"));
        Assert.Contains(result.Profile.BuildSystems, b => b.Id == id && b.Evidence.Any(e => e.Path == file));
    }

    [Fact]
    public async Task Classify_VendoredManifest_IsIgnored()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("node_modules/express/package.json", """{ "name": "express", "dependencies": { "koa": "1" } }"""),
            ("vendor/github.com/x/go.mod", "module x\n"));
        Assert.Empty(result.Profile.Frameworks);
        Assert.Empty(result.Profile.BuildSystems);
        Assert.Equal("library", result.Profile.ServiceType);
    }

    [Fact]
    public async Task Classify_BrokenManifest_StillClassifies()
    {
        var result = await MemoryFiles.ClassifyAsync(("package.json", "{ not json"), ("pom.xml", "<project><unclosed>"), ("a.py", "print(1)\n"));
        Assert.Equal("Python", Assert.Single(result.Profile.Languages).Name);
    }

    [Fact]
    public async Task Classify_UnreadableManifests_AreListedWithTheParsersReason()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("web/package.json", "{ \"name\": \"web\", "),
            ("api/pom.xml", "<project><artifactId>api</artifactId>"),
            ("svc/pyproject.toml", "[project]\nname = \"svc\"\ndependencies = [\"flask\"\n"),
            ("svc/Pipfile", "[packages\nflask = \"*\"\n"),
            ("tool/Cargo.toml", "[package]\nname = tool\n"),
            ("app/app.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>"),
            ("ok/pyproject.toml", "[project]\nname = \"ok\"\ndependencies = [\"requests\"]\n"),
            ("ok/package.json", "{ \"name\": \"ok\", \"dependencies\": { \"express\": \"^4\" } }"),
            ("big/package.json", "{ \"name\": \"big\", \"description\": \"" + new string('x', 1024 * 1024) + "\" }"));
        var unread = result.Profile.Unread.ToDictionary(u => u.Path, u => u.Reason);
        Assert.Equal(["api/pom.xml", "app/app.csproj", "big/package.json", "svc/Pipfile", "svc/pyproject.toml", "tool/Cargo.toml", "web/package.json"], unread.Keys);
        Assert.StartsWith("not valid JSON: ", unread["web/package.json"], StringComparison.Ordinal);
        Assert.StartsWith("not well-formed XML: ", unread["api/pom.xml"], StringComparison.Ordinal);
        Assert.StartsWith("not valid TOML: ", unread["svc/pyproject.toml"], StringComparison.Ordinal);
        Assert.StartsWith("larger than 1 MiB", unread["big/package.json"], StringComparison.Ordinal);
        Assert.All(unread.Values, reason => Assert.DoesNotContain('\n', reason));
        // Control: what was read still counts, and the build systems of the unread files are still known by their names.
        Assert.Contains(result.Profile.Frameworks, f => f.Id == "express");
        Assert.Contains(result.Profile.BuildSystems, b => b.Id == "maven");
    }
}
