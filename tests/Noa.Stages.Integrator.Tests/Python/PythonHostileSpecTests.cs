using Noa.Stages.Integrator.Python;

namespace Noa.Stages.Integrator.Tests.Python;

/// <summary>
/// A hand-written spec of the edges: keyword and non-identifier names, a repeated operationId, a docstring-breaking
/// description, oneOf with a discriminator over allOf objects, circular references, nullable enums, binary up- and
/// download, multipart, SSE, NDJSON, cursor paging and every auth scheme. Its SDK must pass <c>mypy --strict</c>, and its
/// runtime must behave against a local HTTP server (<c>runtime_check.py</c>).
/// </summary>
public sealed class PythonHostileSpecTests
{
    [Fact]
    public async Task HostileSpec_Generates_AndPassesMypyStrict()
    {
        var mypy = Tools.Require("mypy", "Debian package mypy: make tools (scripts/tools.sh) installs it");
        var model = await Generate.ModelAsync(Generate.Spec("hostile.yaml"), "hostile.yaml");
        var files = PythonGenerator.Generate(model);
        var folder = Directory.CreateTempSubdirectory("noa-py-hostile-").FullName;
        try
        {
            Generate.WriteAll(files, folder);
            var result = await Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", "src"], folder);
            Assert.True(result.ExitCode == 0, $"mypy --strict failed on {folder}:\n{result.Output}");

            var client = files.Single(f => f.Path.EndsWith("client.py", StringComparison.Ordinal)).Content;
            var models = files.Single(f => f.Path.EndsWith("models.py", StringComparison.Ordinal)).Content;
            Assert.Contains("def list(", client);            // the first 'list'
            Assert.Contains("def list_post(", client);       // the repeated id, renamed
            Assert.Contains("def iter_list(", client);       // cursor paging from cursor + next_cursor
            Assert.Contains("def call_123_download(", client);  // an id starting with a digit
            Assert.Contains("class_: Optional[int] = None", client); // a keyword parameter
            Assert.Contains("Iterator[_rt.ServerSentEvent]", client);
            Assert.Contains("DEFAULT_BASE_URL = \"https://eu.example.com/v1\"", client);
            Assert.Contains("Pet: TypeAlias = Union[\"Cat\", \"Dog\"]", models);
            Assert.Contains("Breed: TypeAlias = Optional[Literal[\"lab\", \"pit-bull\", \"1st\", \"None\"]]", models);
            Assert.DoesNotContain("\"\"\" import os", client + models);
            Assert.Contains(model.Problems, p => p.Contains("operationId 'list' repeats", StringComparison.Ordinal));

            // The runtime against a local HTTP server: retries with Retry-After, paging, auth, SSE, NDJSON, problems.
            var python = Tools.Require("python3", "Debian package python3");
            var check = Path.Combine(AppContext.BaseDirectory, "Python", "runtime_check.py");
            var run = await Tools.RunAsync(python, [check], folder, new Dictionary<string, string> { ["PYTHONPATH"] = Path.Combine(folder, "src") });
            Assert.True(run.ExitCode == 0, $"the runtime checks failed:\n{run.Output}");
            Assert.Contains("runtime checks passed", run.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
