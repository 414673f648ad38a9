using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Python;

namespace Noa.Stages.Integrator.Tests.Sources;

/// <summary>
/// Each hostile <c>$ref</c> is refused with a problem naming the reference, the file holding it and why; the rest of the
/// spec (an operation and a schema of its own) still generates. Every target that should stay unread exists in the
/// snapshot (or on the host), so only the guard keeps it out.
/// </summary>
public sealed class HostileRefTests
{
    private const string Root = """
        openapi: 3.0.3
        info: {title: Hostile Refs, version: '1'}
        paths:
          /ok:
            get:
              operationId: ok
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Good'}
          /copied:
            $ref: '%PATH%'
        components:
          schemas:
            Good: {type: object, properties: {name: {type: string}}}
            Bad: {type: object, properties: {leak: {$ref: '%SCHEMA%'}}}
            Entry: {$ref: '%SCHEMA%'}
        """;

    private const string Secret = "type: object\nproperties: {token: {type: string}}\n";

    private const string PathItem = "get:\n  operationId: copied\n  responses:\n    '200': {description: ok}\n";

    /// <summary>A billion laughs: nine levels of ten aliases each.</summary>
    private static readonly string Bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + string.Concat(Enumerable.Range(1, 8).Select(i => $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat("*" + (char)('a' + i - 1), 10))}]\n"));

    public static TheoryData<string, string> SchemaRefs => new()
    {
        { "../../etc/passwd", "api/openapi.yaml: $ref '../../etc/passwd' refused: outside the source" },
        { "../secret.yaml", "api/openapi.yaml: $ref '../secret.yaml' refused: outside the spec's folder" },
        { "sub/../../secret.yaml", "api/openapi.yaml: $ref 'sub/../../secret.yaml' refused: outside the spec's folder" },
        { "/etc/passwd", "api/openapi.yaml: $ref '/etc/passwd' refused: an absolute path; only files in the spec's folder are read" },
        { "C:\\Windows\\win.ini", "api/openapi.yaml: $ref 'C:\\Windows\\win.ini' refused: an absolute path; only files in the spec's folder are read" },
        { "http://169.254.169.254/latest/meta-data/", "api/openapi.yaml: $ref 'http://169.254.169.254/latest/meta-data/' refused: a http URL; nothing is fetched for a spec, only files in the spec's folder are read" },
        { "https://example.com/secret.yaml", "api/openapi.yaml: $ref 'https://example.com/secret.yaml' refused: a https URL; nothing is fetched for a spec, only files in the spec's folder are read" },
        { "file:///etc/passwd", "api/openapi.yaml: $ref 'file:///etc/passwd' refused: a file URL; nothing is fetched for a spec, only files in the spec's folder are read" },
        { "missing.yaml", "api/openapi.yaml: $ref 'missing.yaml' refused: api/missing.yaml is not in the source" },
        { "big.yaml", "api/openapi.yaml: $ref 'big.yaml' refused: api/big.yaml is larger than 4,096 bytes" },
        { "bomb.yaml", "api/openapi.yaml: $ref 'bomb.yaml' refused: api/bomb.yaml: more than 10,000,000 nodes once its aliases are expanded (limit MaxNodes; an alias bomb?)" },
        { "broken.yaml", "api/openapi.yaml: $ref 'broken.yaml' refused: api/broken.yaml: invalid YAML at line 1, column 5:" },
        { "inside.yaml#/components/schemas/Nope", "api/openapi.yaml: $ref 'inside.yaml#/components/schemas/Nope' refused: api/inside.yaml has no '#/components/schemas/Nope'" },
    };

    private static MemorySourceTree Tree(string schemaRef, string pathRef, params (string, string)[] more) =>
        new([("api/openapi.yaml", Root.Replace("%SCHEMA%", schemaRef, StringComparison.Ordinal).Replace("%PATH%", pathRef, StringComparison.Ordinal)),
            ("secret.yaml", Secret), ("api/inside.yaml", Secret), ("api/big.yaml", Secret + "# " + new string('x', 5000) + "\n"),
            ("api/bomb.yaml", Bomb), ("api/broken.yaml", "a: b: c\n"), ("api/item.yaml", PathItem), .. more]);

    private static async Task<(IReadOnlyList<string> Errors, ApiModel Model)> LoadAsync(MemorySourceTree tree, IntegratorOptions? options = null)
    {
        var (loaded, model) = await ExternalRefTests.LoadAsync(tree, "api/openapi.yaml", options ?? new IntegratorOptions { MaxSpecBytes = 4096 });
        Assert.True(model is not null, string.Join("\n", loaded.Errors));
        // What is valid still generates.
        Assert.Contains("ok", model.Operations.Select(o => o.Id));
        Assert.Equal(["name"], model.Schemas["Good"].Properties.Select(p => p.WireName));
        Assert.NotEmpty(PythonGenerator.Generate(model));
        Assert.DoesNotContain(model.Schemas.Values, s => s.Properties.Any(p => p.WireName == "token" && s.Name is not ("inside" or "Entry")));
        return (loaded.Errors, model);
    }

    [Theory]
    [MemberData(nameof(SchemaRefs))]
    public async Task HostileSchemaRef_IsRefusedByName_AndTheRestGenerates(string reference, string problem)
    {
        var (errors, model) = await LoadAsync(Tree(reference, "item.yaml"));

        // Refused where the component entry names it, and again at the property unless the file was tried already (then
        // the property refers to the entry, which is any value).
        Assert.InRange(errors.Count, 1, 2);
        Assert.All(errors, e => Assert.Equal(problem, e[..Math.Min(problem.Length, e.Length)]));
        var leak = model.Schemas["Bad"].Properties.Single().Type;
        Assert.True(leak.Kind == TypeKind.Any || leak.Name == "Entry", $"{leak.Kind} {leak.Name}");
        Assert.Empty(model.Schemas["Entry"].Properties);
        Assert.Equal(["ok", "copied"], model.Operations.Select(o => o.Id));
    }

    [Fact]
    public async Task Control_AValidSchemaRef_IsRead()
    {
        var (errors, model) = await LoadAsync(Tree("inside.yaml", "item.yaml"));

        Assert.Empty(errors);
        // A whole-file schema is named after its file, or after the component entry that is that file.
        Assert.Equal(["token"], model.Schemas["Entry"].Properties.Select(p => p.WireName));
        Assert.Equal("Entry", model.Schemas["Bad"].Properties.Single().Type.Name);
    }

    [Fact]
    public async Task CycleOfCopiedFiles_IsRefusedNamingTheChain()
    {
        var (errors, model) = await LoadAsync(Tree("inside.yaml", "loop/a.yaml", ("api/loop/a.yaml", "$ref: ./b.yaml\n"), ("api/loop/b.yaml", "$ref: '../loop/a.yaml'\n")));

        Assert.Equal("api/loop/b.yaml: $ref '../loop/a.yaml' refused: a cycle (api/loop/a.yaml# → api/loop/b.yaml# → api/loop/a.yaml#)", Assert.Single(errors));
        Assert.Equal(["ok"], model.Operations.Select(o => o.Id));
    }

    [Fact]
    public async Task TooManyFiles_RefusesTheFilesPastTheLimit()
    {
        var (errors, model) = await LoadAsync(Tree("inside.yaml", "item.yaml"), new IntegratorOptions { MaxRefFiles = 1 });

        // inside.yaml is the one file allowed; item.yaml comes second.
        Assert.Equal("api/openapi.yaml: $ref 'item.yaml' refused: the spec would read more than 1 other files", Assert.Single(errors));
        Assert.Equal(["ok"], model.Operations.Select(o => o.Id));
    }

    [Fact]
    public async Task CopiesPastTheNodeLimit_AreRefused()
    {
        // Each response copies the next file twice (as two headers): 2^20 copies of the leaf without a limit.
        var chain = Enumerable.Range(1, 19).Select(i => ($"api/c/{i}.yaml", $"description: r{i}\nheaders:\n  A: {{$ref: './{i + 1}.yaml'}}\n  B: {{$ref: './{i + 1}.yaml'}}\n"))
            .Append(("api/c/0.yaml", "get:\n  operationId: c0\n  responses:\n    '200': {$ref: './1.yaml'}\n"))
            .Append(("api/c/20.yaml", "description: leaf\nschema: {type: string}\n")).ToArray();
        var (errors, model) = await LoadAsync(Tree("inside.yaml", "c/0.yaml", chain), new IntegratorOptions { MaxRefNodes = 10_000 });

        Assert.Contains(errors, e => e.EndsWith("refused: the spec would copy more than 10,000 nodes from other files", StringComparison.Ordinal));
        Assert.Contains("ok", model.Operations.Select(o => o.Id));
    }
}
