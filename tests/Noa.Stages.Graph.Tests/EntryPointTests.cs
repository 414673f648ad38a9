using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Stages.Graph.Tests;

/// <summary>Entry points per ecosystem, on small repositories shaped like the real ones of bench/entrypoints (the
/// bench scores the real ones): what starts a program is one, a function merely named main is not.</summary>
public sealed class EntryPointTests
{
    private static async Task<Dictionary<string, JsonElement>> EntriesOf(params (string Path, string Content)[] files)
    {
        var artifacts = await StageHarness.DigestAsync(new MemorySourceTree(files));
        var kg = JsonDocument.Parse(artifacts.Files["kg.json"]).RootElement.Clone();
        return kg.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "entrypoint")
            .ToDictionary(n => n.GetProperty("id").GetString()!, n => n);
    }

    private static string Prop(JsonElement node, string key) =>
        node.GetProperty("properties").TryGetProperty(key, out var v) ? v.GetString()! : "";

    private static JsonElement One(Dictionary<string, JsonElement> entries, string file) =>
        Assert.Single(entries.Values, e => e.GetProperty("file").GetString() == file);

    [Fact]
    public async Task Python_AppObjectsFactoriesManageAndConsoleScripts()
    {
        var entries = await EntriesOf(
            ("Procfile", "web: gunicorn autoapp:app -b 0.0.0.0:$PORT\nworker: rq worker tasks\n"),
            ("autoapp.py", "from conduit.app import create_app\n\napp = create_app()\n"),
            ("conduit/__init__.py", ""),
            ("conduit/app.py", "from flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n"),
            ("conduit/tasks.py", "from conduit.app import create_app\n\napp = create_app()\n"), // a worker's context, nothing serves it
            ("api/main.py", "from fastapi import FastAPI\n\napp = FastAPI()\n\nif __name__ == \"__main__\":\n    import uvicorn\n    uvicorn.run(app)\n"),
            ("manage.py", "import sys\nfrom django.core.management import execute_from_command_line\n\nif __name__ == '__main__':\n    execute_from_command_line(sys.argv)\n"),
            ("site/wsgi.py", "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n"),
            ("pyproject.toml", "[project]\nname = \"tool\"\n[project.scripts]\ntool = \"tool.cli:main\"\n"),
            ("tool/__init__.py", ""),
            ("tool/cli.py", "def main():\n    pass\n"),
            ("tool/__main__.py", "from tool.cli import main\nmain()\n"),
            ("tool/db.py", "def main():\n    pass\n"), // only named main
            ("tests/test_x.py", "if __name__ == '__main__':\n    pass\n"));
        Assert.Equal("wsgi", Prop(One(entries, "autoapp.py"), "kind"));
        Assert.Equal("gunicorn autoapp:app -b 0.0.0.0:$PORT", Prop(One(entries, "autoapp.py"), "command"));
        Assert.Equal("primary", Prop(One(entries, "autoapp.py"), "role"));
        Assert.DoesNotContain(entries.Values, e => e.GetProperty("file").GetString() == "conduit/tasks.py");
        Assert.Equal("asgi", Prop(One(entries, "api/main.py"), "kind"));
        Assert.Equal("django-manage", Prop(One(entries, "manage.py"), "kind"));
        Assert.Equal("wsgi", Prop(One(entries, "site/wsgi.py"), "kind"));
        Assert.Equal("application", One(entries, "site/wsgi.py").GetProperty("name").GetString());
        var tool = Assert.Single(entries.Values, e => Prop(e, "kind") == "console-script");
        Assert.Equal("tool/cli.py", tool.GetProperty("file").GetString());
        Assert.Equal("tool", Prop(tool, "command"));
        Assert.Equal("python -m tool", Prop(One(entries, "tool/__main__.py"), "command"));
        Assert.DoesNotContain(entries.Values, e => e.GetProperty("file").GetString() == "tool/db.py");
        Assert.Equal("test", Prop(One(entries, "tests/test_x.py"), "scope"));
    }

    [Fact]
    public async Task Go_MainPackagesOnly()
    {
        var entries = await EntriesOf(
            ("go.mod", "module example.com/soft\n\ngo 1.22\n"),
            ("cmd/soft/main.go", "package main\n\nfunc main() {}\n"),
            ("internal/gen/main.go", "package gen\n\nfunc main() {}\n"), // not package main: never run
            ("README.md", "# soft\n\nSoft is a tiny git server for the command line.\n\n```sh\ngo run ./cmd/soft\n```\n"));
        var soft = Assert.Single(entries.Values);
        Assert.Equal("go-main", Prop(soft, "kind"));
        Assert.Equal("cmd/soft/main.go", soft.GetProperty("file").GetString());
        Assert.Equal("go run ./cmd/soft", Prop(soft, "command"));
        Assert.Equal("README.md:6", Prop(soft, "commandSource"));
    }

    [Fact]
    public async Task Rust_BinsExamplesAndNotBuildScripts()
    {
        var entries = await EntriesOf(
            ("Cargo.toml", "[package]\nname = \"rg\"\n\n[[bin]]\nname = \"rg\"\npath = \"crates/core/main.rs\"\n"),
            ("crates/core/main.rs", "fn main() {}\n"),
            ("build.rs", "fn main() {}\n"),
            ("src/bin/extra.rs", "fn main() {}\n"),
            ("examples/walk.rs", "fn main() {}\n"),
            ("src/lib.rs", "pub fn f() {}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n"));
        Assert.Equal("rust-bin", Prop(One(entries, "crates/core/main.rs"), "kind"));
        Assert.Equal("cargo run --bin rg", Prop(One(entries, "crates/core/main.rs"), "command"));
        Assert.Equal("rust-bin", Prop(One(entries, "src/bin/extra.rs"), "kind"));
        Assert.Equal("example", Prop(One(entries, "examples/walk.rs"), "scope"));
        Assert.DoesNotContain(entries.Values, e => e.GetProperty("file").GetString() == "build.rs");
    }

    [Fact]
    public async Task Jvm_SpringBootJavaAndKotlin()
    {
        var entries = await EntriesOf(
            ("pom.xml", "<project><artifactId>petclinic</artifactId><parent><artifactId>spring-boot-starter-parent</artifactId></parent></project>"),
            ("mvnw", "#!/bin/sh\n"),
            ("src/main/java/org/springframework/samples/petclinic/PetClinicApplication.java",
                "package org.springframework.samples.petclinic;\n\n@SpringBootApplication\npublic class PetClinicApplication {\n    public static void main(String[] args) {\n        SpringApplication.run(PetClinicApplication.class, args);\n    }\n}\n"),
            ("tools/src/main/kotlin/Gen.kt", "package gen\n\nfun main(args: Array<String>) {\n}\n"),
            ("src/test/java/org/x/Helper.java", "package org.x;\nclass Helper { public static void main(String[] a) {} }\n"));
        var app = One(entries, "src/main/java/org/springframework/samples/petclinic/PetClinicApplication.java");
        Assert.Equal("spring-boot", Prop(app, "kind"));
        Assert.Equal("product", Prop(app, "scope")); // "samples" is a Java package here, not an examples folder
        Assert.Equal("./mvnw spring-boot:run", Prop(app, "command"));
        Assert.Equal("kotlin-main", Prop(One(entries, "tools/src/main/kotlin/Gen.kt"), "kind"));
        Assert.Equal("test", Prop(One(entries, "src/test/java/org/x/Helper.java"), "scope"));
    }

    [Fact]
    public async Task DotNet_TopLevelAndMainPerProject_TestProjectsAreTests()
    {
        var entries = await EntriesOf(
            ("src/Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>"),
            ("src/Api/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.Run();\n"),
            ("src/Worker/Worker.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Worker\"></Project>"),
            ("src/Worker/Program.cs", "namespace W;\npublic static class Program\n{\n    public static void Main(string[] args) => Host.CreateDefaultBuilder(args).Build().Run();\n}\n"),
            ("tests/Api.Tests/Api.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"xunit\" /></ItemGroup></Project>"),
            ("tests/Api.Tests/Program.cs", "System.Console.WriteLine(1);\n"));
        var api = One(entries, "src/Api/Program.cs");
        Assert.Equal("top-level", Prop(api, "kind"));
        Assert.Equal("web", Prop(api, "host"));
        Assert.Equal("dotnet run --project src/Api", Prop(api, "command"));
        Assert.Equal("src/Api", Prop(api, "app"));
        Assert.Equal("worker", Prop(One(entries, "src/Worker/Program.cs"), "host"));
        Assert.Equal("test", Prop(One(entries, "tests/Api.Tests/Program.cs"), "scope"));
    }

    [Fact]
    public async Task Node_BinsMainsServersAndStartScripts()
    {
        var entries = await EntriesOf(
            ("package.json", "{\"name\":\"api\",\"main\":\"src/index.js\",\"bin\":{\"create-api\":\"bin/create.js\"},\"scripts\":{\"start\":\"node src/index.js\",\"seed\":\"ts-node src/seed.ts\",\"test\":\"jest\"}}"),
            ("package-lock.json", "{}"),
            ("src/index.js", "const app = require('./app');\nconst server = app.listen(3000);\n"),
            ("src/app.js", "const express = require('express');\nmodule.exports = express();\n"),
            ("src/util/serve.js", "function serve(app) {\n  return app.listen(8080);\n}\nmodule.exports = serve;\n"), // a helper, not an entry
            ("src/seed.ts", "async function run() {}\nrun();\n"),
            ("bin/create.js", "#!/usr/bin/env node\nconsole.log('x');\n"),
            ("web/package.json", "{\"name\":\"web\",\"scripts\":{\"dev\":\"vite\",\"build\":\"vite build\"},\"dependencies\":{\"vite\":\"5\",\"react\":\"18\"}}"));
        var server = One(entries, "src/index.js");
        Assert.Equal("node-server", Prop(server, "kind"));
        Assert.Equal("npm start", Prop(server, "command")); // the start script runs it: no separate package.json entry
        Assert.DoesNotContain(entries.Values, e => e.GetProperty("file").GetString() == "package.json");
        Assert.DoesNotContain(entries.Values, e => e.GetProperty("file").GetString() == "src/util/serve.js");
        Assert.Equal("node-bin", Prop(One(entries, "bin/create.js"), "kind"));
        Assert.Equal("secondary", Prop(One(entries, "src/seed.ts"), "role"));
        var web = One(entries, "web/package.json");
        Assert.Equal("npm-script", Prop(web, "kind"));
        Assert.Equal("web", Prop(web, "app"));
    }

    [Fact]
    public async Task Tests_ByTheFileTheFrameworkCollects_NotByTheName()
    {
        var artifacts = await StageHarness.DigestAsync(new MemorySourceTree(
            ("app/db.py", "def test_connection():\n    return True\n"),
            ("tests/test_db.py", "from app.db import test_connection\n\ndef test_it():\n    assert test_connection()\n"),
            ("pkg/conn.go", "package pkg\n\nfunc TestDial() {}\n"),
            ("pkg/conn_test.go", "package pkg\n\nimport \"testing\"\n\nfunc TestConn(t *testing.T) { TestDial() }\n"),
            ("src/util.js", "function test(name, fn) { fn(); }\ntest('x', () => {});\n"),
            ("src/Thing.java", "class Thing { @Test void works() {} }\n")));
        var kg = JsonDocument.Parse(artifacts.Files["kg.json"]).RootElement;
        var tests = kg.GetProperty("nodes").EnumerateArray()
            .Where(n => n.TryGetProperty("flags", out var f) && f.EnumerateArray().Any(x => x.GetString() == "test"))
            .Select(n => n.GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["TestConn", "test_it", "works"], tests);
        Assert.Contains(kg.GetProperty("edges").EnumerateArray(), e => e.GetProperty("kind").GetString() == "TESTS"
            && e.GetProperty("dst").GetString()!.EndsWith("test_connection().", StringComparison.Ordinal));
    }
}
