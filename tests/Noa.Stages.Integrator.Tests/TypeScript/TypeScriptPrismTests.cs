using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.TypeScript;

namespace Noa.Stages.Integrator.Tests.TypeScript;

/// <summary>
/// The TypeScript SDK generated from <c>Specs/clinic.yaml</c> passes <c>tsc --strict</c> with a script that calls every
/// operation against Prism serving the same spec (<c>prism mock --errors</c>, which rejects any request the spec does not
/// allow), uploading a Blob through the multipart body typed from its schema. Control: the same SDK with one query
/// parameter's wire name broken must fail the script with Prism's 422.
/// </summary>
public sealed class TypeScriptPrismTests
{
    [Fact]
    public async Task ClinicSdk_CallsPrism_AndAWronglyBuiltRequestFails()
    {
        var tsc = Tools.RequireTsc();
        var node = Tools.Require("node", "Debian package nodejs (Node 20)");
        await using var prism = await PrismMock.StartAsync(Path.Combine(AppContext.BaseDirectory, "Specs", "clinic.yaml"));
        var model = await Generate.ModelAsync(Generate.Spec("clinic.yaml"), "clinic");
        var root = Directory.CreateTempSubdirectory("noa-prism-typescript-").FullName;

        var sdk = await BuildAsync(tsc, model, Path.Combine(root, "sdk"), broken: false);
        var run = await Tools.RunAsync(node, [Path.Combine("dist", "prism_clinic.js"), prism.BaseAddress], sdk);
        Assert.True(run.ExitCode == 0, $"the Prism check failed:\n{run.Output}\nprism:\n{prism.Log}");
        Assert.Contains("prism check passed", run.Output);

        var broken = await BuildAsync(tsc, model, Path.Combine(root, "broken"), broken: true);
        PrismControl.AssertRejected(await Tools.RunAsync(node, [Path.Combine("dist", "prism_clinic.js"), prism.BaseAddress], broken));
    }

    private static async Task<string> BuildAsync(string tsc, ApiModel model, string folder, bool broken)
    {
        var sdk = Generate.WriteAll(TypeScriptGenerator.Generate(model), folder);
        if (broken)
            PrismControl.BreakQueryName(Path.Combine(sdk, "src", "client.ts"));
        // The script joins the SDK's sources, so tsc checks its calls (and its @ts-expect-error lines) against the generated types.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TypeScript", "prism_clinic.ts"), Path.Combine(sdk, "src", "prism_clinic.ts"));
        var built = await Tools.RunAsync(tsc, ["-p", ".", "--strict"], sdk);
        Assert.True(built.ExitCode == 0, $"tsc --strict failed on the clinic SDK with the Prism script:\n{built.Output}");
        return sdk;
    }
}
