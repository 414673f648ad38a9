using Noa.Stages.Integrator.Python;

namespace Noa.Stages.Integrator.Tests.Python;

/// <summary>
/// A paged operation <c>list</c> beside an operation whose own name is <c>iter_list</c>: the pager is named in the same
/// scope as the methods, so both exist and <c>mypy --strict</c> accepts the module (two <c>def iter_list</c> would be
/// "Name already defined"; the control below proves mypy says so).
/// </summary>
public sealed class PythonPagerNameTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Pager names, version: 1.0.0 }
        paths:
          /items:
            get:
              operationId: list
              parameters:
                - { name: cursor, in: query, schema: { type: string } }
              responses:
                '200':
                  description: a page
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          items: { type: array, items: { type: string } }
                          next_cursor: { type: string }
          /items/iterate:
            get:
              operationId: iter_list
              responses:
                '200': { description: done, content: { application/json: { schema: { type: string } } } }
        """;

    [Fact]
    public async Task PagerOfList_BesideAnOperationNamedIterList_GetsItsOwnName_AndPassesMypy()
    {
        var mypy = Tools.Require("mypy", "Debian package mypy: make tools (scripts/tools.sh) installs it");
        var files = PythonGenerator.Generate(await Generate.ModelAsync(Spec, "pagers.yaml"));
        var client = files.Single(f => f.Path.EndsWith("client.py", StringComparison.Ordinal)).Content;
        Assert.Contains("def list(", client);
        Assert.Contains("def iter_list(self", client);
        Assert.Contains("def iter_list2(", client);
        Assert.Contains("for item in client.iter_list2(", files.Single(f => f.Path == "README.md").Content);
        var folder = Directory.CreateTempSubdirectory("noa-py-pagers-").FullName;
        try
        {
            Generate.WriteAll(files, folder);
            var result = await Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", "src"], folder);
            Assert.True(result.ExitCode == 0, $"mypy --strict failed on {folder}:\n{result.Output}");

            // control: the old naming (both called iter_list) is what mypy refuses
            var path = Directory.GetFiles(folder, "client.py", SearchOption.AllDirectories).Single();
            await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("def iter_list2(", "def iter_list(", StringComparison.Ordinal));
            var control = await Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", "src"], folder);
            Assert.True(control.ExitCode != 0 && control.Output.Contains("already defined", StringComparison.Ordinal), control.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
