using System.Text.Json;
using Noa.Stages.Integrator.Changes;
using Noa.Stages.Integrator.Go;
using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Python;
using Noa.Stages.Integrator.Tests.Go;
using Noa.Stages.Integrator.TypeScript;

namespace Noa.Stages.Integrator.Tests.Sources;

/// <summary>
/// A spec split the way <c>redocly split</c> lays one out: path items, parameters and responses in files of their own,
/// bare schema files (no <c>openapi</c> header) in nested folders, YAML and JSON mixed, fragments of plain YAML files
/// (<c>kinds.yaml#/Cat</c>), a component that is a whole file (<c>Problem: {$ref: …}</c>), recursion across files, one file reached by two spellings and one name (<c>./Tag.yaml</c>)
/// meaning two files in two folders. Its model must equal the same API written in one file (the control), and its SDKs
/// must compile.
/// </summary>
public sealed class SplitSpecTests
{
    internal static readonly (string Path, string Content)[] Split =
    [
        ("api/openapi.yaml", """
            openapi: 3.1.0
            info: {title: Split Store, version: 2.0.0}
            paths:
              /pets:
                $ref: paths/pets.yaml
              /pets/{petId}:
                $ref: 'paths/pet.json'
            components:
              schemas:
                Problem: {$ref: schemas/shared/Problem.json}
            """),
        ("api/paths/pets.yaml", """
            get:
              operationId: listPets
              parameters:
                - $ref: ../parameters.yaml#/limit
              responses:
                '200':
                  description: the pets
                  content:
                    application/json:
                      schema:
                        type: array
                        items: {$ref: ../schemas/Pet.yaml}
            post:
              operationId: addPet
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '../schemas/Pet.yaml'}
              responses:
                '201':
                  $ref: ../responses.yaml#/Created
            """),
        ("api/paths/pet.json", """
            {"get": {"operationId": "getPet",
              "parameters": [{"name": "petId", "in": "path", "required": true, "schema": {"type": "integer", "format": "int64"}}],
              "responses": {
                "200": {"description": "the pet", "content": {"application/json": {"schema": {"$ref": "../schemas/./Pet.yaml"}}}},
                "404": {"description": "no such pet", "content": {"application/problem+json": {"schema": {"$ref": "../schemas/shared/Problem.json"}}}}}}}
            """),
        ("api/parameters.yaml", """
            limit: {name: limit, in: query, required: false, schema: {type: integer, minimum: 1}}
            """),
        ("api/responses.yaml", """
            Created:
              description: created
              content:
                application/json:
                  schema: {$ref: './schemas/Pet.yaml'}
            """),
        ("api/schemas/Pet.yaml", """
            type: object
            required: [id, name]
            properties:
              id: {type: integer, format: int64}
              name: {type: string}
              tag: {$ref: ./Tag.yaml}
              owner: {$ref: shared/Owner.json}
              kind:
                oneOf: [{$ref: 'kinds.yaml#/Cat'}, {$ref: 'kinds.yaml#/Dog'}]
                discriminator: {propertyName: kind, mapping: {cat: 'kinds.yaml#/Cat', dog: 'kinds.yaml#/Dog'}}
            """),
        ("api/schemas/Tag.yaml", """
            type: string
            enum: [new, sold]
            """),
        ("api/schemas/kinds.yaml", """
            Cat:
              type: object
              required: [kind]
              properties: {kind: {type: string}, meows: {type: boolean}}
            Dog:
              type: object
              required: [kind]
              properties: {kind: {type: string}, barks: {type: boolean}}
            """),
        ("api/schemas/shared/Owner.json", """
            {"type": "object", "required": ["name"], "properties": {
              "name": {"type": "string"},
              "pets": {"type": "array", "items": {"$ref": "../Pet.yaml"}},
              "tag": {"$ref": "./Tag.yaml"}}}
            """),
        ("api/schemas/shared/Tag.yaml", """
            type: object
            properties: {label: {type: string}, colour: {type: string}}
            """),
        ("api/schemas/shared/Problem.json", """
            {"type": "object", "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}}}
            """),
    ];

    /// <summary>The same API in one file, its schemas under the names the bundle gives them.</summary>
    private const string Inline = """
        openapi: 3.1.0
        info: {title: Split Store, version: 2.0.0}
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - {name: limit, in: query, required: false, schema: {type: integer, minimum: 1}}
              responses:
                '200':
                  description: the pets
                  content:
                    application/json:
                      schema:
                        type: array
                        items: {$ref: '#/components/schemas/Pet'}
            post:
              operationId: addPet
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Pet'}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
          /pets/{petId}:
            get:
              operationId: getPet
              parameters:
                - {name: petId, in: path, required: true, schema: {type: integer, format: int64}}
              responses:
                '200':
                  description: the pet
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
                '404':
                  description: no such pet
                  content:
                    application/problem+json:
                      schema: {$ref: '#/components/schemas/Problem'}
        components:
          schemas:
            Pet:
              type: object
              required: [id, name]
              properties:
                id: {type: integer, format: int64}
                name: {type: string}
                tag: {$ref: '#/components/schemas/Tag'}
                owner: {$ref: '#/components/schemas/Owner'}
                kind:
                  oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
                  discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}
            Tag: {type: string, enum: [new, sold]}
            Cat:
              type: object
              required: [kind]
              properties: {kind: {type: string}, meows: {type: boolean}}
            Dog:
              type: object
              required: [kind]
              properties: {kind: {type: string}, barks: {type: boolean}}
            Owner:
              type: object
              required: [name]
              properties:
                name: {type: string}
                pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}
                tag: {$ref: '#/components/schemas/SharedTag'}
            SharedTag:
              type: object
              properties: {label: {type: string}, colour: {type: string}}
            Problem:
              type: object
              properties: {type: {type: string}, title: {type: string}, status: {type: integer}, detail: {type: string}}
        """;

    internal static async Task<ApiModel> SplitModelAsync()
    {
        var (loaded, model) = await ExternalRefTests.LoadAsync(new MemorySourceTree(Split), "api/openapi.yaml");
        Assert.True(model is not null, string.Join("\n", loaded.Errors));
        Assert.True(loaded.Errors.Count == 0 && model.Problems.Count == 0, string.Join("\n", loaded.Errors.Concat(model.Problems)));
        return model;
    }

    private static string Snapshot(ApiModel model)
    {
        var snapshot = ApiSnapshot.Of(model);
        var sorted = snapshot with { Schemas = [.. snapshot.Schemas.OrderBy(s => s.Name, StringComparer.Ordinal)] };
        var mappings = model.Schemas.Values.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => $"{s.Name}: {s.Discriminator} {string.Join(",", s.Mapping.Select(m => $"{m.Key}={m.Value}"))}");
        return JsonSerializer.Serialize(sorted, ApiSnapshot.Json) + "\n" + string.Join("\n", mappings);
    }

    [Fact]
    public async Task SplitSpec_ReadsAsTheSameModel_AsTheSameApiInOneFile()
    {
        var split = await SplitModelAsync();
        var inline = await Generate.ModelAsync(Inline, "inline.yaml");

        Assert.Equal(Snapshot(inline), Snapshot(split));
        // What the comparison rests on, stated directly: every schema came through, one each.
        Assert.Equal(["Cat", "Dog", "Owner", "Pet", "Problem", "SharedTag", "Tag"], split.Schemas.Keys.Where(k => !k.StartsWith("Pet", StringComparison.Ordinal) || k == "Pet").Order(StringComparer.Ordinal));
        Assert.Equal(["listPets", "addPet", "getPet"], split.Operations.Select(o => o.Id));
    }

    [Fact]
    public async Task SplitSpec_PythonSdk_PassesMypyStrict()
    {
        var mypy = Tools.Require("mypy", "Debian package mypy: make tools (scripts/tools.sh) installs it");
        await CompileAsync(PythonGenerator.Generate(await SplitModelAsync()), "py", folder =>
            Tools.RunAsync(mypy, ["--strict", "--python-version", "3.11", "--no-incremental", "src"], folder));
    }

    [Fact]
    public async Task SplitSpec_TypeScriptSdk_PassesTscStrict()
    {
        var tsc = Tools.RequireTsc();
        await CompileAsync(TypeScriptGenerator.Generate(await SplitModelAsync()), "ts", folder =>
            Tools.RunAsync(tsc, ["-p", ".", "--strict", "--noEmit"], folder));
    }

    [Fact]
    public async Task SplitSpec_GoSdk_PassesGoVetAndBuild()
    {
        var go = GoToolchain.Require();
        var files = GoGenerator.Generate(await SplitModelAsync());
        var folder = Directory.CreateTempSubdirectory("noa-go-split-").FullName;
        try
        {
            Generate.WriteAll(files, folder);
            var failure = await GoToolchain.VetAndBuildAsync(go, folder);
            Assert.True(failure is null, failure);
            Assert.Contains("type SharedTag struct", string.Concat(files.Select(f => f.Content)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task CompileAsync(IReadOnlyList<Output.GeneratedFile> files, string language, Func<string, Task<Tools.Result>> check)
    {
        var folder = Directory.CreateTempSubdirectory($"noa-{language}-split-").FullName;
        try
        {
            Generate.WriteAll(files, folder);
            var result = await check(folder);
            Assert.True(result.ExitCode == 0, $"{language} check failed on {folder}:\n{result.Output}");
            Assert.Contains(files, f => f.Content.Contains("SharedTag", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
