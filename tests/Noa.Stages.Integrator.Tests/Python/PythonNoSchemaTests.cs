using Noa.Stages.Integrator.Python;

namespace Noa.Stages.Integrator.Tests.Python;

/// <summary>
/// A spec without a single schema (the shape of @readme/oas-examples' <c>2.0/json/api-with-examples.json</c> and
/// <c>3.0/json/security.json</c>, which the corpus bench found failing): the empty <c>__all__</c> of <c>models.py</c>
/// must still pass <c>mypy --strict</c>, which cannot infer the type of an unannotated <c>[]</c> (the control).
/// </summary>
public sealed class PythonNoSchemaTests
{
    private const string Spec = """
        {"openapi": "3.0.3", "info": {"title": "No schemas", "version": "1"},
         "paths": {"/ping": {"get": {"operationId": "ping", "responses": {"204": {"description": "pong"}}}}}}
        """;

    [Fact]
    public async Task SpecWithoutSchemas_PassesMypyStrict()
    {
        var mypy = Tools.Require("mypy", "Debian package mypy: make tools (scripts/tools.sh) installs it");
        var model = await Generate.ModelAsync(Spec, "none.json");
        Assert.Empty(model.Schemas);
        var folder = Directory.CreateTempSubdirectory("noa-py-none-").FullName;
        try
        {
            Generate.WriteAll(PythonGenerator.Generate(model), folder);
            var result = await Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", "src"], folder);
            Assert.True(result.ExitCode == 0, $"mypy --strict failed on {folder}:\n{result.Output}");

            var models = Directory.GetFiles(folder, "models.py", SearchOption.AllDirectories).Single();
            await File.WriteAllTextAsync(models, (await File.ReadAllTextAsync(models)).Replace("__all__: list[str] = [", "__all__ = [", StringComparison.Ordinal));
            var control = await Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", "src"], folder);
            Assert.True(control.ExitCode != 0 && control.Output.Contains("__all__", StringComparison.Ordinal), control.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
