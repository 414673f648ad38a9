using Noa.Stages.Integrator.Go;

namespace Noa.Stages.Integrator.Tests.Go;

/// <summary>
/// The Go SDK generated from noa's own gateway (its live <c>/openapi/v1.json</c>) passes <c>go vet</c> and <c>go build</c>,
/// and a user's program (<c>smoke_noa.go</c>, a <c>main</c> module importing the SDK through a <c>replace</c> directive)
/// creates a key, starts a digest, follows the run's server-sent events to RunCompleted and downloads an artifact.
/// </summary>
public sealed class GoGatewayTests
{
    [Fact]
    public async Task GatewaySdk_PassesGoVet_AndDigestsThroughTheLiveGateway()
    {
        var go = GoToolchain.Require();
        await using var gateway = await LiveGateway.StartAsync();
        var model = await Generate.ModelAsync(await gateway.OpenApiAsync(), "gateway");
        var root = Path.Combine(gateway.Home, "go");
        var sdk = Generate.WriteAll(GoGenerator.Generate(model), Path.Combine(root, "sdk"));
        var failure = await GoToolchain.VetAndBuildAsync(go, sdk);
        Assert.True(failure is null, failure);

        var module = GoGenerator.ModulePath(null, GoGenerator.PackageName(model.Title), GoGenerator.Version(model.Version));
        var smoke = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Go", "smoke_noa.go"));
        var program = GoToolchain.Program(root, module, smoke.Replace("sdk \"noa_sdk\"", $"sdk \"{module}\"", StringComparison.Ordinal));
        var vetted = await GoToolchain.VetAndBuildAsync(go, program);
        Assert.True(vetted is null, vetted);

        var source = Path.Combine(gateway.Sources, "demo");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "README.md"), "# demo\n");
        await File.WriteAllTextAsync(Path.Combine(source, "main.py"), "print('hello')\n");
        var run = await Tools.RunAsync(go, ["run", ".", gateway.BaseAddress, LiveGateway.AdminKey, source], program, GoToolchain.Environment());
        Assert.True(run.ExitCode == 0, $"the smoke run failed:\n{run.Output}");
        Assert.Contains("RunCompleted", run.Output);
        Assert.Contains("downloaded provenance.json", run.Output);
        Assert.Contains("problem details:", run.Output);
    }
}
