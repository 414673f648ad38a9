using Noa.Stages.Integrator.TypeScript;

namespace Noa.Stages.Integrator.Tests.TypeScript;

/// <summary>
/// The TypeScript SDK generated from noa's own gateway (its live <c>/openapi/v1.json</c>) passes <c>tsc --strict</c>
/// together with a smoke script that uses it, and the compiled script, run by node, creates a key, starts a digest,
/// follows the run's server-sent events to the end and downloads an artifact.
/// </summary>
public sealed class TypeScriptGatewayTests
{
    [Fact]
    public async Task GatewaySdk_PassesTscStrict_AndDigestsThroughTheLiveGateway()
    {
        var tsc = Tools.RequireTsc();
        var node = Tools.Require("node", "Debian package nodejs (Node 20)");
        await using var gateway = await LiveGateway.StartAsync();
        var spec = await gateway.OpenApiAsync();
        var model = await Generate.ModelAsync(spec, "gateway");
        var sdk = Generate.WriteAll(TypeScriptGenerator.Generate(model), Path.Combine(gateway.Home, "sdk", "typescript"));

        var typed = await Tools.RunAsync(tsc, ["-p", ".", "--strict", "--noEmit"], sdk);
        Assert.True(typed.ExitCode == 0, $"tsc --strict --noEmit failed on the gateway SDK:\n{typed.Output}");

        // The smoke script joins the SDK's sources, so tsc checks its calls against the generated types too.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TypeScript", "smoke_noa.ts"), Path.Combine(sdk, "src", "smoke_noa.ts"));
        var built = await Tools.RunAsync(tsc, ["-p", ".", "--strict"], sdk);
        Assert.True(built.ExitCode == 0, $"tsc --strict failed on the gateway SDK with the smoke script:\n{built.Output}");

        var source = Path.Combine(gateway.Sources, "demo");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "README.md"), "# demo\n");
        await File.WriteAllTextAsync(Path.Combine(source, "main.py"), "print('hello')\n");
        var run = await Tools.RunAsync(node, [Path.Combine("dist", "smoke_noa.js"), gateway.BaseAddress, LiveGateway.AdminKey, source], sdk);
        Assert.True(run.ExitCode == 0, $"the smoke run failed:\n{run.Output}");
        Assert.Contains("problem details:", run.Output);
        Assert.Contains("RunCompleted", run.Output);
        Assert.Contains("downloaded provenance.json", run.Output);
    }
}
