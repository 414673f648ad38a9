using Noa.Stages.Integrator.Go;

namespace Noa.Stages.Integrator.Tests.Go;

/// <summary>
/// The Go SDK generated from <c>Specs/clinic.yaml</c> passes <c>go vet</c> and <c>go build</c>, and a user's program
/// (<c>prism_clinic.go</c>) calls every operation against Prism serving the same spec (<c>prism mock --errors</c>, which
/// rejects any request the spec does not allow). Controls: the same SDK with one query parameter's wire name broken must
/// fail the program with Prism's 422, and an upload passing a free map or a number for the file must fail <c>go build</c>.
/// </summary>
public sealed class GoPrismTests
{
    [Fact]
    public async Task ClinicSdk_CallsPrism_AndAWronglyBuiltRequestFails()
    {
        var go = GoToolchain.Require();
        await using var prism = await PrismMock.StartAsync(Path.Combine(AppContext.BaseDirectory, "Specs", "clinic.yaml"));
        var model = await Generate.ModelAsync(Generate.Spec("clinic.yaml"), "clinic");
        var module = GoGenerator.ModulePath(null, GoGenerator.PackageName(model.Title), GoGenerator.Version(model.Version));
        var source = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Go", "prism_clinic.go")))
            .Replace("sdk \"clinic_sdk\"", $"sdk \"{module}\"", StringComparison.Ordinal);

        var root = Directory.CreateTempSubdirectory("noa-prism-go-").FullName;
        Generate.WriteAll(GoGenerator.Generate(model), Path.Combine(root, "sdk"));
        var program = GoToolchain.Program(root, module, source);
        foreach (var folder in new[] { Path.Combine(root, "sdk"), program })
        {
            var failure = await GoToolchain.VetAndBuildAsync(go, folder);
            Assert.True(failure is null, failure);
        }
        var run = await Tools.RunAsync(go, ["run", ".", prism.BaseAddress], program, GoToolchain.Environment());
        Assert.True(run.ExitCode == 0, $"the Prism check failed:\n{run.Output}\nprism:\n{prism.Log}");
        Assert.Contains("prism check passed", run.Output);

        var broken = Directory.CreateTempSubdirectory("noa-prism-go-broken-").FullName;
        Generate.WriteAll(GoGenerator.Generate(model), Path.Combine(broken, "sdk"));
        PrismControl.BreakQueryName(Path.Combine(broken, "sdk", "client.go"));
        var control = await Tools.RunAsync(go, ["run", ".", prism.BaseAddress], GoToolchain.Program(broken, module, source), GoToolchain.Environment());
        PrismControl.AssertRejected(control);

        // go vet stops at a program's first type error, so each misuse is a program of its own
        foreach (var (body, error) in new[] { ("map[string]any{\"photo\": []byte(\"x\"), \"caption\": \"a map\"}", "map[string]any"), ("sdk.UploadPhotoRequest{Photo: 42, Caption: \"a number\"}", "42") })
        {
            var misused = GoToolchain.Program(Directory.CreateTempSubdirectory("noa-prism-go-misuse-").FullName, module, $$"""
                package main

                import (
                	"context"

                	sdk "{{module}}"
                )

                func main() {
                	client, _ := sdk.NewClient("http://localhost")
                	_, _ = client.UploadPhoto(context.Background(), 1, {{body}})
                }
                """);
            Generate.WriteAll(GoGenerator.Generate(model), Path.Combine(Path.GetDirectoryName(misused)!, "sdk"));
            var wrong = await GoToolchain.VetAndBuildAsync(go, misused);
            Assert.True(wrong is not null, $"go vet/build accepted a misused multipart body: {body}");
            Assert.Contains(error, wrong);
        }
    }
}
