using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Integrator.Tests;

public sealed class IntegratorStageTests
{
    private static async Task<(StageOutcome Outcome, MemoryArtifacts Artifacts)> RunAsync(ISourceTree source, IntegratorOptions? options = null)
    {
        var stage = new IntegratorStage(Options.Create(options ?? new IntegratorOptions()), NullLogger<IntegratorStage>.Instance);
        var artifacts = new MemoryArtifacts();
        var context = new StageContext
        {
            RunId = "run-1",
            Request = new DigestRequest { Source = "test" },
            Attempt = 1,
            Workspace = Path.Combine(Path.GetTempPath(), "noa-integrator-stage"),
            Artifacts = artifacts,
            Source = source,
            Progress = new Progress<StageProgress>(),
            Time = TimeProvider.System,
        };
        return (await stage.ExecuteAsync(context, CancellationToken.None), artifacts);
    }

    [Fact]
    public async Task OpenApiSource_WritesThePythonAndTypeScriptSdks_AndTheReport()
    {
        var (outcome, artifacts) = await RunAsync(new MemorySourceTree(("pets.yaml", Generate.Spec("hostile.yaml"))));

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        Assert.Contains("sdk/python/pyproject.toml", artifacts.Files.Keys);
        Assert.Contains("sdk/python/src/class_api/py.typed", artifacts.Files.Keys);
        Assert.Contains("sdk/python/src/class_api/client.py", artifacts.Files.Keys);
        Assert.Contains("sdk/typescript/package.json", artifacts.Files.Keys);
        Assert.Contains("sdk/typescript/src/client.ts", artifacts.Files.Keys);
        Assert.Contains("sdk/go/go.mod", artifacts.Files.Keys);
        Assert.Contains("sdk/go/client.go", artifacts.Files.Keys);
        Assert.Contains("sdk/go/runtime.go", artifacts.Files.Keys);
        using var report = JsonDocument.Parse(artifacts.Text("sdk/report.json"));
        var api = report.RootElement.GetProperty("apis")[0];
        Assert.Equal("pets.yaml", api.GetProperty("spec").GetString());
        Assert.Equal(7, api.GetProperty("operations").GetInt32());
        Assert.Contains(api.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("repeats", StringComparison.Ordinal));
        Assert.Equal(["python", "typescript", "go"], api.GetProperty("sdks").EnumerateArray().Select(s => s.GetProperty("language").GetString()));
    }

    [Fact]
    public async Task Repository_FindsItsSpecs_AndSkipsVendoredOnesAndLookalikes()
    {
        var spec = Generate.Spec("hostile.yaml");
        var (outcome, artifacts) = await RunAsync(new MemorySourceTree(
            ("api/openapi.yaml", spec),
            ("node_modules/x/openapi.yaml", spec),
            ("openapi.json", "{\"name\": \"not a spec\"}"),
            ("src/main.py", "print('hi')\n")));

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        Assert.Contains("sdk/python/README.md", artifacts.Files.Keys);
        Assert.DoesNotContain(artifacts.Files.Keys, k => k.Contains("node_modules", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MultiFileSpec_InARepository_GeneratesEverySchema_AndARefOutOfItsFolderIsAProblem()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Specs", "multi");
        var (outcome, artifacts) = await RunAsync(new DirectorySourceTree(root));

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        using var report = JsonDocument.Parse(artifacts.Text("sdk/report.json"));
        var api = report.RootElement.GetProperty("apis").EnumerateArray().Single();
        Assert.Equal("api/openapi.yaml", api.GetProperty("spec").GetString());
        Assert.Equal(7, api.GetProperty("schemas").GetInt32());
        Assert.Empty(api.GetProperty("problems").EnumerateArray());
        Assert.Contains("class CommonError", artifacts.Text("sdk/python/src/multi_file_pets/models.py"));

        var spec = File.ReadAllText(Path.Combine(root, "api", "openapi.yaml")).Replace("'common.json#", "'../outside.yaml#", StringComparison.Ordinal);
        var (leaky, leakyArtifacts) = await RunAsync(new MemorySourceTree(("api/openapi.yaml", spec), ("outside.yaml", File.ReadAllText(Path.Combine(root, "outside.yaml")))));

        Assert.Equal(StageStatus.Succeeded, leaky.Status);
        using var leakyReport = JsonDocument.Parse(leakyArtifacts.Text("sdk/report.json"));
        Assert.Contains(leakyReport.RootElement.GetProperty("apis")[0].GetProperty("problems").EnumerateArray(),
            p => p.GetString() == "api/openapi.yaml: $ref '../outside.yaml#/components/schemas/Error' refused: outside the spec's folder");
        Assert.Contains("sdk/go/client.go", leakyArtifacts.Files.Keys);
    }

    [Fact]
    public async Task Repository_ASpecFileAnotherSpecReads_IsPartOfThatOne_NotAnApiOfItsOwn()
    {
        // common.openapi.yaml is named like a spec and declares openapi, as split specs' files often do.
        const string common = "openapi: 3.0.3\ninfo: {title: Common, version: '1'}\npaths:\n  /health:\n    get:\n      operationId: health\n"
            + "      responses: {'200': {description: ok}}\ncomponents:\n  schemas:\n    Problem: {type: object, properties: {title: {type: string}}}\n";
        const string root = "openapi: 3.0.3\ninfo: {title: Store, version: '1'}\npaths:\n  /items:\n    get:\n      operationId: items\n"
            + "      responses:\n        default:\n          description: a problem\n          content:\n            application/json:\n"
            + "              schema: {$ref: 'common.openapi.yaml#/components/schemas/Problem'}\n";
        static string[] Specs(MemoryArtifacts artifacts)
        {
            using var report = JsonDocument.Parse(artifacts.Text("sdk/report.json"));
            return [.. report.RootElement.GetProperty("apis").EnumerateArray().Select(a => a.GetProperty("spec").GetString()!).Order(StringComparer.Ordinal)];
        }

        var (outcome, artifacts) = await RunAsync(new MemorySourceTree(("api/openapi.yaml", root), ("api/common.openapi.yaml", common), ("other/openapi.yaml", Generate.Spec("hostile.yaml"))));
        // The control: the same files with the reference made local; common.openapi.yaml is then an API of its own.
        var (_, control) = await RunAsync(new MemorySourceTree(("api/openapi.yaml", root.Replace("common.openapi.yaml#", "#", StringComparison.Ordinal)
            + "components:\n  schemas:\n    Problem: {type: object}\n"), ("api/common.openapi.yaml", common), ("other/openapi.yaml", Generate.Spec("hostile.yaml"))));

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        Assert.Equal(["api/openapi.yaml", "other/openapi.yaml"], Specs(artifacts));
        Assert.Equal(["api/common.openapi.yaml", "api/openapi.yaml", "other/openapi.yaml"], Specs(control));
    }

    [Fact]
    public async Task UnreadableSpec_IsBadInputNamingIt()
    {
        var (outcome, artifacts) = await RunAsync(new MemorySourceTree(("openapi.yaml", "openapi: 3.0.0\npaths: [\n")));

        Assert.Equal(StageStatus.Failed, outcome.Status);
        Assert.Equal(StageFailure.BadInput, outcome.Failure!.ErrorType);
        Assert.Contains("openapi.yaml", outcome.Failure.Message);
        Assert.Contains("sdk/report.json", artifacts.Files.Keys);
    }

    [Fact]
    public async Task NoSpec_SaysSo_AndSucceeds()
    {
        var (outcome, artifacts) = await RunAsync(new MemorySourceTree(("src/main.py", "print('hi')\n")));

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        Assert.Contains("no OpenAPI document", artifacts.Text("sdk/report.json"));
        Assert.DoesNotContain(artifacts.Files.Keys, k => k.StartsWith("sdk/python", StringComparison.Ordinal));
    }
}
