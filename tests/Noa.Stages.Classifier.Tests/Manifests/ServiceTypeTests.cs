namespace Noa.Stages.Classifier.Tests.Manifests;

public sealed class ServiceTypeTests
{
    [Fact]
    public async Task Classify_ParserLibraryCrate_IsLibraryNotCli()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("Cargo.toml", "[package]\nname = \"clap\"\n\n[lib]\nbench = false\n"),
            ("src/lib.rs", "pub mod builder;\npub use crate::builder::Command;\n"),
            ("src/builder.rs", "use clap::Command;\npub struct Command;\n"),
            ("src/bin/fixture.rs", "fn main() {}\n"));
        Assert.Equal("library", result.Profile.ServiceType);
    }

    [Fact]
    public async Task Classify_GoMainWithFlags_IsCli()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("go.mod", "module example.com/tool\n"),
            ("main.go", "package main\n\nimport \"flag\"\n\nfunc main() { flag.Parse() }\n"));
        var cli = Assert.Single(result.Profile.ServiceTypes, s => s.Type == "cli");
        Assert.Equal("cli", result.Profile.ServiceType);
        Assert.Contains(cli.Evidence, e => e.Path == "main.go" && e.Detail == "imports a flag parser");
    }

    [Fact]
    public async Task Classify_GoModuleWithoutMain_IsLibrary()
    {
        var result = await MemoryFiles.ClassifyAsync(("go.mod", "module example.com/lib\n"), ("lib.go", "package lib\n\nfunc F() {}\n"));
        Assert.Equal("library", result.Profile.ServiceType);
    }

    [Fact]
    public async Task Classify_DotNetWorkerSdk_IsWorker()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("Worker.csproj", """<Project Sdk="Microsoft.NET.Sdk.Worker"><ItemGroup><PackageReference Include="Confluent.Kafka" Version="2.3.0" /></ItemGroup></Project>"""),
            ("Worker.cs", "public sealed class Worker : BackgroundService { }\n"));
        Assert.Equal("worker", result.Profile.ServiceType);
        Assert.Contains(result.Profile.Frameworks, f => f.Id == "confluent-kafka");
    }

    [Fact]
    public async Task Classify_PythonScriptWithArgparse_IsCli()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("tool.py", "import argparse\n\ndef main():\n    argparse.ArgumentParser().parse_args()\n\nif __name__ == \"__main__\":\n    main()\n"),
            ("helpers.py", "import argparse\n"));
        Assert.Equal("cli", result.Profile.ServiceType);
        var cli = Assert.Single(result.Profile.ServiceTypes, s => s.Type == "cli");
        Assert.All(cli.Evidence, e => Assert.Equal("tool.py", e.Path));
    }
}
