using System.Text;
using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Python;
using Noa.Yaml;

namespace Noa.Stages.Integrator.Tests.Model;

public sealed class BadInputTests
{
    [Fact]
    public async Task HundredThousandDeepNesting_IsAClearErrorNotACrash()
    {
        var deep = new StringBuilder("{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{},\"components\":{\"schemas\":{\"A\":");
        for (var i = 0; i < 100_000; i++)
            deep.Append("{\"type\":\"array\",\"items\":");
        deep.Append("{\"type\":\"string\"}").Append('}', 100_000).Append("}}}");

        var loaded = await SpecLoader.LoadAsync(deep.ToString(), "deep.json", YamlLimits.Default, CancellationToken.None);

        Assert.Null(loaded.Document);
        Assert.Contains(loaded.Errors, e => e.StartsWith("deep.json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(50, true)]
    [InlineData(100, false)]
    public async Task DeepYamlNesting_ReadsWithinTheLimit_AndIsAClearErrorPastIt(int depth, bool readable)
    {
        var yaml = new StringBuilder("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Ok: {type: string}\n    Deep: ");
        for (var i = 0; i < depth; i++)
            yaml.Append("{type: array, items: ");
        yaml.Append("{type: string}").Append('}', depth).Append('\n');

        var loaded = await SpecLoader.LoadAsync(yaml.ToString(), "deep.yaml", YamlLimits.Default, CancellationToken.None);

        Assert.Equal(readable, loaded.Document is not null);
        if (!readable)
        {
            Assert.Contains(loaded.Errors, e => e.Contains("depth", StringComparison.Ordinal));
            return;
        }
        var model = OpenApiModelReader.Read(loaded.Document!);
        Assert.Empty(model.Problems);
        var type = model.Schemas["Deep"].Target!;
        for (var i = 0; i < depth; i++)
            type = type.Element!;
        Assert.Equal(TypeKind.String, type.Kind);
    }

    [Fact]
    public async Task CircularReferences_EndAtTheirNames()
    {
        var model = await Generate.ModelAsync(Generate.Spec("hostile.yaml"));

        Assert.Equal(SchemaKind.Alias, model.Schemas["Loop"].Kind);
        Assert.Equal("Loop2", model.Schemas["Loop"].Target!.Name);
        Assert.Equal("Loop", model.Schemas["Loop2"].Properties.Single().Type.Name);
    }

    [Fact]
    public async Task AllOf_MergesTheBase_AndOneOfKeepsTheDiscriminator()
    {
        var model = await Generate.ModelAsync(Generate.Spec("hostile.yaml"));

        var cat = model.Schemas["Cat"];
        Assert.Equal(["kind", "name", "born", "parent", "lives", "def", "@type"], cat.Properties.Select(p => p.WireName));
        Assert.True(cat.Properties[0].Required);
        Assert.Equal(["Base"], cat.Bases);
        var pet = model.Schemas["Pet"];
        Assert.Equal(SchemaKind.Union, pet.Kind);
        Assert.Equal("kind", pet.Discriminator);
        Assert.Equal("Dog", pet.Mapping["dog"]);
        Assert.True(model.Schemas["Breed"].Nullable);
    }

    [Fact]
    public async Task Filter_KeepsOnlyTheIncludedTag()
    {
        var loaded = await SpecLoader.LoadAsync(Generate.Spec("hostile.yaml"), "hostile.yaml", YamlLimits.Default, CancellationToken.None);

        var model = OpenApiModelReader.Read(loaded.Document!, new OperationFilter(["tag:pets"], []));
        var without = OpenApiModelReader.Read(loaded.Document!, new OperationFilter([], ["/pets"]));

        Assert.Equal(2, model.Operations.Count);
        Assert.All(model.Operations, o => Assert.Equal("/pets", o.Path));
        Assert.DoesNotContain(without.Operations, o => o.Path.StartsWith("/pets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generation_IsDeterministic()
    {
        var first = PythonGenerator.Generate(await Generate.ModelAsync(Generate.Spec("hostile.yaml")));
        var second = PythonGenerator.Generate(await Generate.ModelAsync(Generate.Spec("hostile.yaml")));
        var firstGo = global::Noa.Stages.Integrator.Go.GoGenerator.Generate(await Generate.ModelAsync(Generate.Spec("rich.yaml")));
        var secondGo = global::Noa.Stages.Integrator.Go.GoGenerator.Generate(await Generate.ModelAsync(Generate.Spec("rich.yaml")));

        Assert.Equal(first, second);
        Assert.Equal(firstGo, secondGo);
    }
}
