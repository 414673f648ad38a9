using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Serialization;

namespace Noa.Safety.Rules.Tests;

/// <summary>schemas/rules.schema.json describes the files the loader reads: the starter pack passes it, a file the
/// loader refuses fails it.</summary>
public sealed class RuleSchemaTests
{
    public static TheoryData<string> PackFiles() => new(Directory.GetFiles(Path.Combine(Root(), "src/Noa.Safety.Rules/Rules"), "*.yaml").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(PackFiles))]
    public void Schema_StarterPackFile_IsValid(string file) =>
        Assert.True(Validate(File.ReadAllText(Path.Combine(Root(), "src/Noa.Safety.Rules/Rules", file))));

    [Theory]
    [InlineData("rules: []")]
    [InlineData("rules: [{id: a-b, message: m, severity: fatal, languages: [python], query: '(call) @finding'}]")]
    [InlineData("rules: [{id: a-b, message: m, severity: note, languages: [cobol], query: '(call) @finding'}]")]
    [InlineData("rules: [{id: a-b, message: m, severity: note, languages: [python], query: '(call) @finding', extra: 1}]")]
    public void Schema_FileTheLoaderRefuses_IsInvalid(string yaml)
    {
        Assert.Throws<RuleLoadException>(() => RulePack.Load(yaml));
        Assert.False(Validate(yaml));
    }

    private static bool Validate(string yaml)
    {
        var data = new DeserializerBuilder().Build().Deserialize<object>(yaml);
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(data);
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Root(), "schemas/rules.schema.json")));
        return schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { RequireFormatValidation = true }).IsValid;
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "schemas/rules.schema.json")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("schemas/rules.schema.json not found above the test assembly");
    }
}
