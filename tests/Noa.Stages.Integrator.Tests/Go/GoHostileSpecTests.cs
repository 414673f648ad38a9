using Noa.Stages.Integrator.Go;

namespace Noa.Stages.Integrator.Tests.Go;

/// <summary>
/// The Go SDK of hand-written edge specs passes <c>go vet</c> and <c>go build</c>: the Python tests' hostile spec (keyword
/// and non-identifier names, a repeated operationId, comment-breaking descriptions, a discriminated oneOf over allOf
/// objects, circular references, every auth scheme, binary, multipart, SSE, NDJSON, cursor paging) and a spec rich in
/// what the hostile one lacks (anyOf without a discriminator, multi-base allOf, integer enums, 3.1 nullable types, dates,
/// page/offset/integer-cursor paging, recursive and circular aliases, names a struct tag cannot carry, schema names the
/// runtime uses). A control proves the check fails on code that does not compile.
/// </summary>
public sealed class GoHostileSpecTests
{
    [Theory]
    [InlineData("hostile.yaml")]
    [InlineData("rich.yaml")]
    public async Task EdgeSpec_Generates_AndPassesGoVetAndBuild(string spec)
    {
        var go = GoToolchain.Require();
        var model = await Generate.ModelAsync(Generate.Spec(spec), spec);
        var files = GoGenerator.Generate(model);
        var folder = Directory.CreateTempSubdirectory("noa-go-edge-").FullName;
        try
        {
            Generate.WriteAll(files, folder);
            var failure = await GoToolchain.VetAndBuildAsync(go, folder);
            Assert.True(failure is null, failure);
            var all = string.Concat(files.Select(f => f.Content));
            Assert.DoesNotContain("\nfunc init()", all); // the summary's "func init()" stays inside a comment
            Assert.DoesNotContain("\u202e", all);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Control_CodeThatDoesNotCompile_FailsTheCheck()
    {
        var go = GoToolchain.Require();
        var model = await Generate.ModelAsync(Generate.Spec("hostile.yaml"), "hostile.yaml");
        var files = GoGenerator.Generate(model);
        var folder = Directory.CreateTempSubdirectory("noa-go-control-").FullName;
        try
        {
            Generate.WriteAll(files, folder);
            var package = GoGenerator.PackageName(model.Title);
            // A struct tag go vet rejects (the build accepts it), then a type error the build rejects.
            File.WriteAllText(Path.Combine(folder, "broken.go"), $"package {package}\n\ntype brokenTag struct {{\n\tA int `json:a`\n}}\n");
            var vet = await GoToolchain.VetAndBuildAsync(go, folder);
            Assert.NotNull(vet);
            Assert.Contains("go vet failed", vet);
            File.WriteAllText(Path.Combine(folder, "broken.go"), $"package {package}\n\nvar broken int = \"not an int\"\n");
            var build = await Tools.RunAsync(go, ["build", "./..."], folder, GoToolchain.Environment());
            Assert.NotEqual(0, build.ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
