using Noa.Abstractions;
using Noa.Stages.Integrator.Go;
using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Python;
using Noa.Stages.Integrator.Sources;
using Noa.Stages.Integrator.Tests.Go;
using Noa.Yaml;

namespace Noa.Stages.Integrator.Tests.Sources;

/// <summary>
/// A spec split over files (<c>Specs/multi/api</c>: YAML and JSON, a referenced file referencing another, <c>../</c> back
/// into the spec's folder, a same-named schema in two files, a name that is no identifier) loads whole through
/// <see cref="SpecBundler"/> and its SDKs compile; references that leave the spec's folder, name an absolute path
/// or a URL are refused by name while the rest of the spec still generates.
/// </summary>
public sealed class ExternalRefTests
{
    private static readonly string Multi = Path.Combine(AppContext.BaseDirectory, "Specs", "multi");

    internal static async Task<(SpecLoader.Loaded Loaded, ApiModel? Model)> LoadAsync(ISourceTree tree, string specPath, IntegratorOptions? options = null)
    {
        var o = options ?? new IntegratorOptions();
        var file = tree.Files.Single(f => f.Path == specPath);
        string text;
        await using (var stream = await tree.OpenReadAsync(file))
        using (var reader = new StreamReader(stream))
            text = await reader.ReadToEndAsync();
        var bundler = new SpecBundler(tree, specPath, o.MaxSpecBytes, o.MaxRefFiles, o.MaxRefNodes, YamlLimits.Default);
        var loaded = await SpecLoader.LoadAsync(text, specPath, YamlLimits.Default, CancellationToken.None, bundler);
        return (loaded, loaded.Document is null ? null : OpenApiModelReader.Read(loaded.Document));
    }

    private static async Task<ApiModel> MultiAsync()
    {
        var (loaded, model) = await LoadAsync(new DirectorySourceTree(Multi), "api/openapi.yaml");
        Assert.True(model is not null, string.Join("\n", loaded.Errors));
        return model;
    }

    [Fact]
    public async Task TwoLevelMultiFileSpec_LoadsEverySchema_UnderStableNames()
    {
        var model = await MultiAsync();

        Assert.True(model.Problems.Count == 0, string.Join("\n", model.Problems));
        // The root's own Error keeps its name; common.json's Error is prefixed with its file's name.
        Assert.Equal(["CommonError", "Error", "Kind", "NewPet", "Owner", "Pet", "postal-address"], model.Schemas.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["title", "status"], model.Schemas["CommonError"].Properties.Select(p => p.WireName));
        Assert.Equal(["message"], model.Schemas["Error"].Properties.Select(p => p.WireName));
        // pet.yaml → ./owner.yaml → ../common.json: the second level resolves against its own file's folder.
        Assert.Equal("Owner", model.Schemas["Pet"].Properties.Single(p => p.WireName == "owner").Type.Name);
        Assert.Equal("Kind", model.Schemas["Pet"].Properties.Single(p => p.WireName == "kind").Type.Name);
        Assert.Equal("postal-address", model.Schemas["Owner"].Properties.Single(p => p.WireName == "address").Type.Name);
        Assert.Equal(["street", "city"], model.Schemas["postal-address"].Properties.Select(p => p.WireName));
        Assert.Equal(["listPets", "addPet", "getOwner"], model.Operations.Select(o => o.Id));
    }

    [Fact]
    public async Task RefsOutOfTheSpecsFolder_AreRefusedByName_AndTheRestStillReads()
    {
        // Every refused target exists and is a valid document: only the confinement keeps Secret out of the model.
        var absolute = Path.Combine(Directory.CreateTempSubdirectory("noa-ref-abs-").FullName, "secret.yaml");
        await File.WriteAllTextAsync(absolute, await File.ReadAllTextAsync(Path.Combine(Multi, "outside.yaml")));
        try
        {
            var refs = new[] { "../outside.yaml", absolute, "http://127.0.0.1:9/outside.yaml", "file://" + absolute };
            var spec = "openapi: 3.0.3\ninfo: {title: Confined, version: '1'}\npaths:\n  /ok:\n    get:\n      operationId: ok\n"
                + "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Good'}\n"
                + "components:\n  schemas:\n    Good: {type: object, properties: {name: {type: string}}}\n"
                + string.Concat(refs.Select((r, i) => $"    Bad{i}: {{type: object, properties: {{leak: {{$ref: '{r}#/components/schemas/Secret'}}}}}}\n"));
            var tree = new MemorySourceTree(("api/openapi.yaml", spec), ("outside.yaml", await File.ReadAllTextAsync(Path.Combine(Multi, "outside.yaml"))));

            var (loaded, model) = await LoadAsync(tree, "api/openapi.yaml");

            Assert.True(model is not null, string.Join("\n", loaded.Errors));
            Assert.Contains(loaded.Errors, e => e == "api/openapi.yaml: $ref '../outside.yaml#/components/schemas/Secret' refused: outside the spec's folder");
            Assert.Contains(loaded.Errors, e => e == $"api/openapi.yaml: $ref '{absolute}#/components/schemas/Secret' refused: an absolute path; only files in the spec's folder are read");
            Assert.Contains(loaded.Errors, e => e == "api/openapi.yaml: $ref 'http://127.0.0.1:9/outside.yaml#/components/schemas/Secret' refused: a http URL; nothing is fetched for a spec, only files in the spec's folder are read");
            Assert.Contains(loaded.Errors, e => e == $"api/openapi.yaml: $ref 'file://{absolute}#/components/schemas/Secret' refused: a file URL; nothing is fetched for a spec, only files in the spec's folder are read");
            // A refused schema is any value: nothing of Secret's content is read.
            Assert.DoesNotContain(model.Schemas.Values, x => x.Properties.Any(p => p.WireName == "token") || x.Name.Contains("Secret", StringComparison.Ordinal));
            Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(TypeKind.Any, model.Schemas[$"Bad{i}"].Properties.Single().Type.Kind));
            Assert.Equal(["name"], model.Schemas["Good"].Properties.Select(p => p.WireName));
            Assert.Equal(["ok"], model.Operations.Select(o => o.Id));
            Assert.Equal(4, Enumerable.Range(0, 4).Count(i => model.Schemas.ContainsKey($"Bad{i}")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(absolute)!, recursive: true);
        }
    }

    [Fact]
    public async Task JsonSpec_ReadsAReferencedYamlFile()
    {
        // The reader parses referenced files in the root's format; YAML next to a JSON root is served as JSON.
        var spec = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{},\"components\":{\"schemas\":"
            + "{\"A\":{\"type\":\"object\",\"properties\":{\"p\":{\"$ref\":\"schemas/pet.yaml#/components/schemas/Pet\"}}}}}}";
        var tree = new MemorySourceTree(("openapi.json", spec), ("schemas/pet.yaml", await File.ReadAllTextAsync(Path.Combine(Multi, "api", "schemas", "pet.yaml"))),
            ("schemas/owner.yaml", await File.ReadAllTextAsync(Path.Combine(Multi, "api", "schemas", "owner.yaml"))),
            ("common.json", await File.ReadAllTextAsync(Path.Combine(Multi, "api", "common.json"))));

        var (loaded, model) = await LoadAsync(tree, "openapi.json");

        Assert.True(model is not null, string.Join("\n", loaded.Errors));
        Assert.True(loaded.Errors.Count == 0 && model.Problems.Count == 0, string.Join("\n", loaded.Errors.Concat(model.Problems)));
        Assert.Equal(["A", "Kind", "Owner", "Pet", "postal-address"], model.Schemas.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WithoutTheLoader_ExternalRefsStayUnresolved()
    {
        // The control: the same multi-file spec read alone (no loader) loses its external schemas.
        var model = await Generate.ModelAsync(await File.ReadAllTextAsync(Path.Combine(Multi, "api", "openapi.yaml")), "api/openapi.yaml");

        Assert.DoesNotContain("postal-address", model.Schemas.Keys);
        Assert.NotEmpty(model.Problems);
    }

    [Fact]
    public async Task MultiFileSpec_PythonSdk_PassesMypyStrict()
    {
        var mypy = Tools.Require("mypy", "Debian package mypy: make tools (scripts/tools.sh) installs it");
        var files = PythonGenerator.Generate(await MultiAsync());
        var folder = Directory.CreateTempSubdirectory("noa-py-multi-").FullName;
        try
        {
            Generate.WriteAll(files, folder);
            var result = await Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", "src"], folder);
            Assert.True(result.ExitCode == 0, $"mypy --strict failed on {folder}:\n{result.Output}");
            var models = files.Single(f => f.Path.EndsWith("models.py", StringComparison.Ordinal)).Content;
            Assert.Contains("class CommonError", models);
            Assert.Contains("class PostalAddress", models);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task MultiFileSpec_GoSdk_PassesGoVetAndBuild()
    {
        var go = GoToolchain.Require();
        var files = GoGenerator.Generate(await MultiAsync());
        var folder = Directory.CreateTempSubdirectory("noa-go-multi-").FullName;
        try
        {
            Generate.WriteAll(files, folder);
            var failure = await GoToolchain.VetAndBuildAsync(go, folder);
            Assert.True(failure is null, failure);
            var all = string.Concat(files.Select(f => f.Content));
            Assert.Contains("type CommonError struct", all);
            Assert.Contains("type PostalAddress struct", all);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
