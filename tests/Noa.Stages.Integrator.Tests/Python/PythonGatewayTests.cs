using Noa.Stages.Integrator.Python;

namespace Noa.Stages.Integrator.Tests.Python;

/// <summary>
/// The Python SDK generated from noa's own gateway (its live <c>/openapi/v1.json</c>) passes <c>mypy --strict</c> and,
/// run by a real interpreter, creates a key, starts a digest, follows the run's server-sent events to the end and
/// downloads an artifact.
/// </summary>
public sealed class PythonGatewayTests
{
    [Fact]
    public async Task GatewaySdk_PassesMypyStrict_AndDigestsThroughTheLiveGateway()
    {
        var mypy = Tools.Require("mypy", "Debian package mypy: make tools (scripts/tools.sh) installs it");
        var python = Tools.Require("python3", "Debian package python3");
        await using var gateway = await LiveGateway.StartAsync();
        var spec = await gateway.OpenApiAsync();
        var model = await Generate.ModelAsync(spec, "gateway");
        var sdk = Generate.WriteAll(PythonGenerator.Generate(model), Path.Combine(gateway.Home, "sdk", "python"));
        var package = PythonGenerator.PackageName(model.Title);
        // The smoke script imports the package by a placeholder name, replaced here so mypy checks its calls too.
        var smoke = Path.Combine(sdk, "smoke_noa.py");
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Python", "smoke_noa.py"));
        await File.WriteAllTextAsync(smoke, script.Replace("from noa_sdk import", $"from {package} import", StringComparison.Ordinal));

        var typed = await Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", "src", smoke], sdk,
            new Dictionary<string, string> { ["MYPYPATH"] = Path.Combine(sdk, "src") });
        Assert.True(typed.ExitCode == 0, $"mypy --strict failed on {sdk}:\n{typed.Output}");

        var source = Path.Combine(gateway.Sources, "demo");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "README.md"), "# demo\n");
        await File.WriteAllTextAsync(Path.Combine(source, "main.py"), "print('hello')\n");
        var run = await Tools.RunAsync(python, [smoke, gateway.BaseAddress, LiveGateway.AdminKey, source], sdk,
            new Dictionary<string, string> { ["PYTHONPATH"] = Path.Combine(sdk, "src") });
        Assert.True(run.ExitCode == 0, $"the smoke run failed:\n{run.Output}");
        Assert.Contains("RunCompleted", run.Output);
        Assert.Contains("provenance.json", run.Output);
    }
}
