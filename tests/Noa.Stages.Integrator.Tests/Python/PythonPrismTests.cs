using Noa.Stages.Integrator.Python;

namespace Noa.Stages.Integrator.Tests.Python;

/// <summary>
/// The Python SDK generated from <c>Specs/clinic.yaml</c> passes <c>mypy --strict</c> with a script that calls every
/// operation against Prism serving the same spec (<c>prism mock --errors</c>, which rejects any request the spec does not
/// allow). Controls: the same SDK with one query parameter's wire name broken must fail the script with Prism's 422, and
/// a multipart upload with a number for the file or without its required caption must fail <c>mypy --strict</c>.
/// </summary>
public sealed class PythonPrismTests
{
    [Fact]
    public async Task ClinicSdk_CallsPrism_AndAWronglyBuiltRequestFails()
    {
        var mypy = Tools.Require("mypy", "Debian package mypy: make tools (scripts/tools.sh) installs it");
        var python = Tools.Require("python3", "Debian package python3");
        await using var prism = await PrismMock.StartAsync(Path.Combine(AppContext.BaseDirectory, "Specs", "clinic.yaml"));
        var model = await Generate.ModelAsync(Generate.Spec("clinic.yaml"), "clinic");
        var package = PythonGenerator.PackageName(model.Title);
        var root = Directory.CreateTempSubdirectory("noa-prism-python-").FullName;
        var script = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Python", "prism_clinic.py")))
            .Replace("from pet_clinic import", $"from {package} import", StringComparison.Ordinal);

        var sdk = Generate.WriteAll(PythonGenerator.Generate(model), Path.Combine(root, "sdk"));
        var check = Path.Combine(sdk, "prism_clinic.py");
        await File.WriteAllTextAsync(check, script);
        var typed = await Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", "src", check], sdk,
            new Dictionary<string, string> { ["MYPYPATH"] = Path.Combine(sdk, "src") });
        Assert.True(typed.ExitCode == 0, $"mypy --strict failed on {sdk}:\n{typed.Output}");
        var run = await Tools.RunAsync(python, [check, prism.BaseAddress], sdk, new Dictionary<string, string> { ["PYTHONPATH"] = Path.Combine(sdk, "src") });
        Assert.True(run.ExitCode == 0, $"the Prism check failed:\n{run.Output}\nprism:\n{prism.Log}");
        Assert.Contains("prism check passed", run.Output);

        var misuse = Path.Combine(sdk, "misuse.py");
        await File.WriteAllTextAsync(misuse, $$"""
            from {{package}} import Client

            Client("http://localhost").upload_photo(1, {"photo": 42, "caption": "a number for a file"})
            Client("http://localhost").upload_photo(1, {"photo": b"no caption"})
            """);
        var wrong = await Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", misuse], sdk,
            new Dictionary<string, string> { ["MYPYPATH"] = Path.Combine(sdk, "src") });
        Assert.True(wrong.ExitCode != 0, $"mypy accepted a misused multipart body:\n{wrong.Output}");
        Assert.Contains("misuse.py:3: error", wrong.Output);
        Assert.Contains("misuse.py:4: error", wrong.Output);

        var broken = Generate.WriteAll(PythonGenerator.Generate(model), Path.Combine(root, "broken"));
        PrismControl.BreakQueryName(Path.Combine(broken, "src", package, "client.py"));
        await File.WriteAllTextAsync(Path.Combine(broken, "prism_clinic.py"), script);
        var control = await Tools.RunAsync(python, [Path.Combine(broken, "prism_clinic.py"), prism.BaseAddress], broken,
            new Dictionary<string, string> { ["PYTHONPATH"] = Path.Combine(broken, "src") });
        PrismControl.AssertRejected(control);
    }
}
