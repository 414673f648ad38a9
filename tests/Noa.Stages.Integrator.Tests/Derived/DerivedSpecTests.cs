using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Noa.Stages.Integrator.Python;
using Noa.Abstractions;
using Noa.Stages.Integrator.Go;
using Noa.Stages.Integrator.Tests.Go;

namespace Noa.Stages.Integrator.Tests.Derived;

/// <summary>
/// The OpenAPI 3.1 document synthesised from the graph of code without a spec: on Express's own examples (Debian's
/// node-express, in .cache/corpora/endpoints/express) and on a hand-written Flask app for the edges. The document must be
/// read by Microsoft.OpenApi as 3.1 without errors and pass its default validation rules (a control proves that check
/// fails on a broken document), name every operation once with its evidence, and its SDKs must compile.
/// </summary>
public sealed class DerivedSpecTests
{
    internal static async Task<(OpenApiDocument Document, List<string> Errors)> ReadAsync(string json)
    {
        var settings = new OpenApiReaderSettings();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var read = await OpenApiDocument.LoadAsync(stream, OpenApiConstants.Json, settings);
        Assert.NotNull(read.Document);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic!.SpecificationVersion);
        var errors = read.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")
            .Concat(read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.Select(e => $"{e.Pointer}: {e.Message}") ?? []).ToList();
        return (read.Document, errors);
    }

    [Fact]
    public async Task ExpressWebService_DerivesAValid31Spec_WithEvidence_AndTheSdks()
    {
        var folder = GraphRun.Corpus("endpoints/express/web-service");
        var (outcome, artifacts) = await GraphRun.DigestAsync(new DirectorySourceTree(folder), "/src/express/examples/web-service");

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var json = artifacts.Text("sdk/openapi.json");
        var (document, errors) = await ReadAsync(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var root = JsonNode.Parse(json)!.AsObject();
        Assert.True(root["x-noa-derived"]!.GetValue<bool>());
        Assert.Equal("web-service", document.Info.Title);

        // index.js registers these three with app.get (lines 75, 85; anyone can read them there).
        var users = document.Paths["/api/users"].Operations![HttpMethod.Get];
        Assert.Equal("index.js:75", ((JsonNodeExtension)users.Extensions!["x-noa-evidence"]).Node.GetValue<string>());
        Assert.Contains(HttpMethod.Get, document.Paths["/api/repos"].Operations!.Keys);
        var repos = document.Paths["/api/user/{name}/repos"].Operations![HttpMethod.Get];
        Assert.Equal("index.js:85", ((JsonNodeExtension)repos.Extensions!["x-noa-evidence"]).Node.GetValue<string>());
        var name = Assert.Single(repos.Parameters!);
        Assert.Equal(("name", ParameterLocation.Path, true), (name.Name, name.In!.Value, name.Required));
        var ids = document.Paths.Values.SelectMany(p => p.Operations!.Values).Select(o => o.OperationId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains("getApiUserByNameRepos", ids);

        using var report = JsonDocument.Parse(artifacts.Text("sdk/report.json"));
        var api = report.RootElement.GetProperty("apis")[0];
        Assert.True(api.GetProperty("derived").GetBoolean());
        Assert.Equal("sdk/openapi.json", api.GetProperty("spec").GetString());
        Assert.Contains("sdk/python/pyproject.toml", artifacts.Files.Keys);
        Assert.Contains("sdk/typescript/src/client.ts", artifacts.Files.Keys);
        Assert.Contains("sdk/go/client.go", artifacts.Files.Keys);
        Assert.Contains("sdk/policy/policy.rego", artifacts.Files.Keys);
    }

    [Fact]
    public async Task ExpressMultiRouter_JoinsMountPrefixes()
    {
        var folder = GraphRun.Corpus("endpoints/express/multi-router");
        var (outcome, artifacts) = await GraphRun.DigestAsync(new DirectorySourceTree(folder), "multi-router");

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var (document, errors) = await ReadAsync(artifacts.Text("sdk/openapi.json"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        // app.use('/api/v1', require('./controllers/api_v1')) and api_v1.js's router.get('/users', …).
        Assert.Contains("/api/v1/users", document.Paths.Keys);
        Assert.Contains("/api/v2/users", document.Paths.Keys);
        Assert.Contains("/", document.Paths.Keys);
    }

    private const string FlaskApp = """
        from flask import Flask, request

        app = Flask(__name__)


        @app.route("/items/<int:item_id>", methods=["GET"])
        def get_item(item_id):
            return {"id": item_id}


        @app.route("/items/<slug>", methods=["DELETE"])
        def delete_item(slug):
            return "", 204


        @app.route("/items", methods=["POST"])
        def create_item():
            return request.get_json(), 201


        @app.get("/items/<int:item_id>")
        def get_item_again(item_id):
            return {"id": item_id}


        @app.route("/class", methods=["GET"])
        def keyword_path():
            return {}
        """;

    private const string FlaskTest = """
        from flask import Flask

        app = Flask(__name__)


        @app.route("/only-in-a-test")
        def throwaway():
            return "x"
        """;

    [Fact]
    public async Task HandWrittenFlask_TypesParameters_MergesTemplates_AndLeavesTestsOut()
    {
        var tree = new MemorySourceTree(("app.py", FlaskApp), ("tests/test_app.py", FlaskTest), ("requirements.txt", "flask\n"));
        var (outcome, artifacts) = await GraphRun.DigestAsync(tree, "git@example.com:acme/items.git");

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var (document, errors) = await ReadAsync(artifacts.Text("sdk/openapi.json"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal("items", document.Info.Title);
        Assert.DoesNotContain("/only-in-a-test", document.Paths.Keys);
        // /items/{item_id} and /items/{slug} are one template in OpenAPI: DELETE takes the first one's name.
        var item = document.Paths["/items/{item_id}"];
        Assert.DoesNotContain("/items/{slug}", document.Paths.Keys);
        Assert.Equal(JsonSchemaType.Integer, item.Operations![HttpMethod.Get].Parameters![0].Schema!.Type);
        Assert.Equal("item_id", item.Operations[HttpMethod.Delete].Parameters![0].Name);
        Assert.NotNull(document.Paths["/items"].Operations![HttpMethod.Post].RequestBody);
        // The second GET of /items/<int:item_id> is a problem naming the first.
        var problems = JsonDocument.Parse(artifacts.Text("sdk/report.json")).RootElement.GetProperty("apis")[0].GetProperty("problems");
        Assert.Contains(problems.EnumerateArray(), p => p.GetString()!.Contains("registered again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Control_TheValidityCheck_FailsOnABrokenDerivedDocument()
    {
        var folder = GraphRun.Corpus("endpoints/express/web-service");
        var (_, artifacts) = await GraphRun.DigestAsync(new DirectorySourceTree(folder), "web-service");
        var root = JsonNode.Parse(artifacts.Text("sdk/openapi.json"))!.AsObject();
        // A path parameter that is optional and absent from its template: a document the rules must refuse.
        var parameter = root["paths"]!["/api/user/{name}/repos"]!["get"]!["parameters"]![0]!.AsObject();
        parameter["required"] = false;
        parameter["name"] = "nobody";

        var (_, errors) = await ReadAsync(root.ToJsonString());

        Assert.NotEmpty(errors);
    }

    private static HashSet<(string Method, string Shape)> Operations(OpenApiDocument document) =>
        [.. document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => (o.Key.Method.ToUpperInvariant(), Shape(p.Key))))];

    private static string Shape(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\{[^{}/]+\}", "{}");

    /// <summary>
    /// An independent oracle: noa's gateway publishes its own OpenAPI document (ASP.NET's generator, from the endpoint
    /// metadata at run time). The spec derived from the gateway's source code (this checkout's src/Noa.Gateway, the code
    /// the live gateway runs) must hold every operation of it, and few besides (the /metrics scrape endpoint, which the
    /// gateway keeps out of its document). The control: the derived spec of another app covers none of them.
    /// </summary>
    [Fact]
    public async Task NoaGateway_SpecDerivedFromItsSource_CoversEveryOperationOfItsLiveSpec()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Noa.slnx")))
            root = root.Parent;
        Assert.NotNull(root);
        var (outcome, artifacts) = await GraphRun.DigestAsync(new DirectorySourceTree(Path.Combine(root.FullName, "src", "Noa.Gateway")), "Noa.Gateway");
        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var (derived, errors) = await ReadAsync(artifacts.Text("sdk/openapi.json"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await using var gateway = await LiveGateway.StartAsync();
        var (live, _) = await ReadAsync(await gateway.OpenApiAsync());

        var expected = Operations(live);
        var found = Operations(derived);
        Assert.True(expected.Count >= 10, $"the live spec has only {expected.Count} operations");
        Assert.True(expected.IsSubsetOf(found), "not derived: " + string.Join(", ", expected.Except(found)));
        Assert.True(found.Count - expected.Count <= Math.Max(2, expected.Count / 10), "derived but not in the live spec: " + string.Join(", ", found.Except(expected)));
        // Path parameters carry the names the gateway declares; query parameters are counted (the graph reads a handler's
        // signature, so those bound through an [AsParameters] record are not seen).
        int queryLive = 0, queryFound = 0;
        foreach (var (path, item) in live.Paths)
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var mine = derived.Paths.Single(p => Shape(p.Key) == Shape(path)).Value.Operations![method];
                Assert.Equal(operation.Parameters?.Where(p => p.In == ParameterLocation.Path).Select(p => p.Name) ?? [],
                    mine.Parameters?.Where(p => p.In == ParameterLocation.Path).Select(p => p.Name) ?? []);
                var query = (operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Query).Select(p => p.Name).ToHashSet();
                var mineQuery = (mine.Parameters ?? []).Where(p => p.In == ParameterLocation.Query).Select(p => p.Name).ToHashSet();
                Assert.True(mineQuery.IsSubsetOf(query), $"{method} {path}: query parameters the gateway does not declare: {string.Join(", ", mineQuery.Except(query))}");
                queryLive += query.Count;
                queryFound += query.Intersect(mineQuery).Count();
            }
        Assert.True(queryFound * 4 >= queryLive * 3, $"only {queryFound} of the live spec's {queryLive} query parameters derived");

        var (_, other) = await GraphRun.DigestAsync(new DirectorySourceTree(GraphRun.Corpus("endpoints/express/web-service")), "web-service");
        var (otherSpec, _) = await ReadAsync(other.Text("sdk/openapi.json"));
        Assert.False(expected.IsSubsetOf(Operations(otherSpec)));
    }

    [Fact]
    public async Task DerivedSdks_PassMypyStrict_AndGoVetAndBuild()
    {
        var mypy = Tools.Require("mypy", "Debian package mypy: make tools (scripts/tools.sh) installs it");
        var go = GoToolchain.Require();
        var folder = GraphRun.Corpus("endpoints/express/web-service");
        var (_, artifacts) = await GraphRun.DigestAsync(new DirectorySourceTree(folder), "web-service");
        var model = await Generate.ModelAsync(artifacts.Text("sdk/openapi.json"), "openapi.json");
        var work = Directory.CreateTempSubdirectory("noa-derived-").FullName;
        try
        {
            var python = Path.Combine(work, "python");
            Generate.WriteAll(PythonGenerator.Generate(model), python);
            var result = await Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", "src"], python);
            Assert.True(result.ExitCode == 0, $"mypy --strict failed on {python}:\n{result.Output}");
            var goFolder = Path.Combine(work, "go");
            Generate.WriteAll(GoGenerator.Generate(model, GoGenerator.DefaultModulePrefix), goFolder);
            Assert.Null(await GoToolchain.VetAndBuildAsync(go, goFolder));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
