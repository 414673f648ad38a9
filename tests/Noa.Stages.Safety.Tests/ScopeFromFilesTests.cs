using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Abstractions.Profiles;
using Noa.Stages.Classifier;
using Noa.Stages.Safety.Engines;

namespace Noa.Stages.Safety.Tests;

/// <summary>A finding's scope is its file's scope in the Classifier's <c>files.json</c>: one set of rules, not a second reading
/// of the path in the Safety stage.</summary>
public sealed class ScopeFromFilesTests
{
    // Built at runtime so that no scanner flags this test file itself.
    private static readonly string Key = "AKIA" + "Z7QW3XKM9PLR2TVB";
    private static readonly string SecretValue = "wJalrXUtnFEMI" + "/K7MDENG/bPxRfiCY9x2Lk7Qp";
    private static readonly string Config = $"AWS_ACCESS_KEY_ID = \"{Key}\"\nAWS_SECRET_ACCESS_KEY = \"{SecretValue}\"\n";

    [Theory]
    // A .NET project that references a test framework is a test project whatever its folder is called: no path rule says so,
    // only the Classifier's project convention.
    [InlineData("<PackageReference Include=\"xunit.v3\" Version=\"3.0.0\" />", "test", StageStatus.Succeeded)]
    [InlineData("<PackageReference Include=\"Serilog\" Version=\"4.0.0\" />", "product", StageStatus.GateFailed)] // control
    public async Task SecretInAProject_TakesTheClassifiersScope(string reference, string scope, StageStatus status)
    {
        var tree = new MemorySourceTree(
            ("Checks/Checks.csproj", $"<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup>{reference}</ItemGroup></Project>\n"),
            ("Checks/settings.py", Config));
        var artifacts = new MemoryArtifacts();
        var classifier = new ClassifierStage(Options.Create(new ClassifierOptions()), NullLogger<ClassifierStage>.Instance);
        Assert.Equal(StageStatus.Succeeded, (await classifier.ExecuteAsync(Context(tree, artifacts), CancellationToken.None)).Status);

        var outcome = await RunSafetyAsync(tree, artifacts);

        Assert.Equal(status, outcome.Status);
        Assert.Contains($"\"scope\": \"{scope}\"", artifacts.Text("safety.json"));
    }

    [Theory]
    [InlineData(FileScopes.Example, StageStatus.Succeeded)]
    [InlineData(FileScopes.Product, StageStatus.GateFailed)] // control
    [InlineData(FileScopes.Documentation, StageStatus.GateFailed)] // a scope the policy does not name gets the full policy
    public async Task FilesJson_DecidesTheScope_WhateverThePathSays(string scope, StageStatus status)
    {
        // "src/settings.py" is product by every path convention; files.json says otherwise and wins.
        var tree = new MemorySourceTree(("src/settings.py", Config));
        var artifacts = new MemoryArtifacts();
        var list = new FileList(FileList.CurrentVersion, [new FileEntry("src/settings.py", Config.Length, "classified", "Python", scope)]);
        await artifacts.WriteAsync(FileList.BundlePath, new MemoryStream(list.ToJson()), "application/json");

        var outcome = await RunSafetyAsync(tree, artifacts);

        Assert.Equal(status, outcome.Status);
        Assert.Contains($"\"scope\": \"{scope}\"", artifacts.Text("safety.json"));
    }

    [Fact]
    public async Task WithoutFilesJson_AFindingInATestFolder_GetsTheFullPolicy()
    {
        // No classification, no guess: fail closed.
        var tree = new MemorySourceTree(("tests/settings.py", Config));

        var outcome = await RunSafetyAsync(tree, new MemoryArtifacts());

        Assert.Equal(StageStatus.GateFailed, outcome.Status);
    }

    private static async Task<StageOutcome> RunSafetyAsync(ISourceTree tree, MemoryArtifacts artifacts)
    {
        var options = Options.Create(new SafetyOptions { ExternalScanners = false });
        var stage = new SafetyStage([new SecretsEngine(options)], options, new ServiceCollection().BuildServiceProvider(), NullLogger<SafetyStage>.Instance);
        return await stage.ExecuteAsync(Context(tree, artifacts), CancellationToken.None);
    }

    private static StageContext Context(ISourceTree tree, IRunArtifacts artifacts) => new()
    {
        RunId = "run-1",
        Request = new DigestRequest { Source = "/src/app" },
        Attempt = 1,
        Workspace = Path.Combine(Path.GetTempPath(), "noa-safety-tests"),
        Artifacts = artifacts,
        Source = tree,
        Progress = new Progress<StageProgress>(),
        Time = TimeProvider.System,
    };
}
