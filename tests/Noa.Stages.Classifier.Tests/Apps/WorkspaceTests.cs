namespace Noa.Stages.Classifier.Tests.Apps;

/// <summary>Each workspace format, as its tool documents it, with members matched to apps.</summary>
public sealed class WorkspaceTests
{
    [Fact]
    public async Task Classify_PnpmWorkspaceWithTurborepo_BothListTheMembers()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("package.json", """{ "name": "mono", "private": true, "devDependencies": { "turbo": "^2.0.0" }, "packageManager": "pnpm@9.0.0" }"""),
            ("pnpm-workspace.yaml", "packages:\n  - 'apps/*'\n  - 'packages/*'\n  - '!packages/legacy'\n"),
            ("pnpm-lock.yaml", "lockfileVersion: '9.0'\n"),
            ("turbo.json", """{ "tasks": { "build": {} } }"""),
            ("apps/api/package.json", """{ "name": "api", "dependencies": { "express": "^5.0.0" } }"""),
            ("apps/api/src/index.ts", "import express from 'express';\nexpress().listen(3000);\n"),
            ("apps/web/package.json", """{ "name": "web", "private": true, "dependencies": { "next": "15.0.0", "react": "19.0.0" } }"""),
            ("apps/web/app/page.tsx", "export default function Page() { return null; }\n"),
            ("packages/ui/package.json", """{ "name": "@mono/ui", "main": "index.ts", "peerDependencies": { "react": "19.0.0" } }"""),
            ("packages/ui/index.ts", "export const Button = 1;\n"),
            ("packages/legacy/package.json", """{ "name": "legacy", "main": "index.js" }"""),
            ("packages/legacy/index.js", "module.exports = 1;\n"));
        var p = result.Profile;

        Assert.Contains(p.BuildSystems, b => b.Id == "turborepo");
        var kinds = p.Apps.ToDictionary(a => a.Root, a => (a.Kind, a.Workspace, a.Builds[0].System, a.Builds[0].Lockfile));
        Assert.Equal(("service", ".", "pnpm", "pnpm-lock.yaml"), kinds["apps/api"]);
        Assert.Equal(("web-app", ".", "pnpm", "pnpm-lock.yaml"), kinds["apps/web"]);
        Assert.Equal(("library", ".", "pnpm", "pnpm-lock.yaml"), kinds["packages/ui"]);
        Assert.Null(p.Apps.Single(a => a.Root == "packages/legacy").Workspace);
        string[] members = ["apps/api", "apps/web", "packages/ui"];
        Assert.Equal(members, p.Workspaces.Single(w => w.Tool == "pnpm").Members);
        Assert.Equal(members, p.Workspaces.Single(w => w.Tool == "turborepo").Members);
    }

    [Fact]
    public async Task Classify_NxProjectsWithoutPackageJson_AreApps()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("nx.json", """{ "npmScope": "acme" }"""),
            ("package.json", """{ "name": "@acme/source", "private": true, "dependencies": { "@nestjs/core": "10.0.0", "@angular/core": "18.0.0" }, "devDependencies": { "nx": "19.0.0" } }"""),
            ("package-lock.json", "{}"),
            ("apps/api/project.json", """{ "name": "api", "projectType": "application" }"""),
            ("apps/api/src/main.ts", "import { NestFactory } from '@nestjs/core';\n"),
            ("apps/shop/project.json", """{ "name": "shop", "projectType": "application" }"""),
            ("apps/shop/src/main.ts", "import { bootstrapApplication } from '@angular/platform-browser';\n"),
            ("apps/shop-e2e/project.json", """{ "name": "shop-e2e" }"""),
            ("apps/shop-e2e/src/app.cy.ts", "describe('shop', () => {});\n"));
        var p = result.Profile;

        Assert.Contains(p.BuildSystems, b => b.Id == "nx");
        Assert.Equal(["apps/api", "apps/shop"], p.Apps.Select(a => a.Root));
        Assert.All(p.Apps, a => Assert.Equal(new AppBuild("nx", a.Root + "/project.json", "npm", "package-lock.json"), Assert.Single(a.Builds)));
        Assert.Equal(["apps/api", "apps/shop"], Assert.Single(p.Workspaces, w => w.Tool == "nx").Members);
    }

    [Fact]
    public async Task Classify_CargoWorkspace_MembersByGlobWithoutExcluded()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("Cargo.toml", "[package]\nname = \"tool\"\n\n[workspace]\nmembers = [\"crates/*\"]\nexclude = [\"crates/scratch\"]\n\n[dependencies]\nclap = { version = \"4\", features = [\"derive\"] }\n"),
            ("Cargo.lock", "version = 3\n"),
            ("src/main.rs", "use clap::Parser;\nfn main() {}\n"),
            ("crates/core/Cargo.toml", "[package]\nname = \"tool-core\"\n[lib]\n"),
            ("crates/core/src/lib.rs", "pub fn f() {}\n"),
            ("crates/scratch/Cargo.toml", "[package]\nname = \"scratch\"\n"),
            ("crates/scratch/src/main.rs", "fn main() {}\n"));
        var p = result.Profile;

        Assert.Equal([(".", "cli"), ("crates/core", "library"), ("crates/scratch", "cli")], p.Apps.Select(a => (a.Root, a.Kind)));
        var workspace = Assert.Single(p.Workspaces);
        Assert.Equal(("cargo", ".", ["crates/core"]), (workspace.Tool, workspace.Root, workspace.Members.ToArray()), new TupleComparer());
        Assert.All(p.Apps, a => Assert.Equal("Cargo.lock", a.Builds[0].Lockfile));
    }

    [Fact]
    public async Task Classify_GoWorkspace_ListsItsModules()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("go.work", "go 1.22\n\nuse (\n\t./cmd/server // the API\n\t./lib\n)\n"),
            ("cmd/server/go.mod", "module example.com/server\n\nrequire github.com/gin-gonic/gin v1.10.0\n"),
            ("cmd/server/main.go", "package main\n\nfunc main() { r := gin.Default(); r.Run(\":8080\") }\n"),
            ("lib/go.mod", "module example.com/lib\n"),
            ("lib/lib.go", "package lib\n"));
        var p = result.Profile;

        Assert.Equal([("cmd/server", "service", "."), ("lib", "library", ".")], p.Apps.Select(a => (a.Root, a.Kind, a.Workspace)));
        Assert.Equal(["cmd/server", "lib"], Assert.Single(p.Workspaces).Members);
    }

    [Fact]
    public async Task Classify_MavenAndGradleMultiModule_AggregatorsAreNoApps()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("pom.xml", "<project><artifactId>parent</artifactId><packaging>pom</packaging><modules><module>api</module><module>core</module></modules></project>"),
            ("api/pom.xml", "<project><artifactId>api</artifactId><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>"),
            ("api/src/main/java/com/example/api/Api.java", "@SpringBootApplication class Api { }\n"),
            ("core/pom.xml", "<project><artifactId>core</artifactId></project>"),
            ("core/src/main/java/com/example/core/Core.java", "class Core { }\n"),
            ("build-tools/settings.gradle.kts", "rootProject.name = \"tools\"\ninclude(\"gen\", \":lint:rules\")\n"),
            ("build-tools/gen/build.gradle.kts", "plugins { application }\n"),
            ("build-tools/gen/src/main/kotlin/Gen.kt", "fun main() {}\n"),
            ("build-tools/lint/rules/build.gradle.kts", "plugins { `java-library` }\n"),
            ("build-tools/lint/rules/src/main/kotlin/Rule.kt", "class Rule\n"));
        var p = result.Profile;

        Assert.Equal(["api", "build-tools/gen", "build-tools/lint/rules", "core"], p.Apps.Select(a => a.Root));
        Assert.Equal(("api", "service"), (p.Apps[0].Name, p.Apps[0].Kind));
        Assert.Equal(["api", "core"], p.Workspaces.Single(w => w.Tool == "maven").Members);
        Assert.Equal(["build-tools/gen", "build-tools/lint/rules"], p.Workspaces.Single(w => w.Tool == "gradle").Members);
    }

    [Fact]
    public async Task Classify_ClassicSolutionAndLerna_ReadTheirMemberLists()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("App.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\r\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"App\", \"src\\App\\App.csproj\", \"{11111111-1111-1111-1111-111111111111}\"\r\nEndProject\r\n"),
            ("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>"),
            ("src/App/Program.cs", "System.Console.WriteLine(1);\n"),
            ("js/lerna.json", """{ "packages": ["libs/*"] }"""),
            ("js/libs/a/package.json", """{ "name": "a", "main": "index.js" }"""),
            ("js/libs/a/index.js", "module.exports = 1;\n"));
        var p = result.Profile;

        Assert.Equal(["src/App"], p.Workspaces.Single(w => w.Tool == "dotnet").Members);
        Assert.Equal(["js/libs/a"], p.Workspaces.Single(w => w.Tool == "lerna").Members);
        Assert.Equal(("cli", "js"), (p.Apps.Single(a => a.Root == "src/App").Kind, p.Apps.Single(a => a.Root == "js/libs/a").Workspace));
    }

    private sealed class TupleComparer : IEqualityComparer<(string, string, string[])>
    {
        public bool Equals((string, string, string[]) x, (string, string, string[]) y) => x.Item1 == y.Item1 && x.Item2 == y.Item2 && x.Item3.SequenceEqual(y.Item3);

        public int GetHashCode((string, string, string[]) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}
