using System.Text.Json.Nodes;
using Json.Schema;

namespace Noa.Stages.Env.Tests;

/// <summary>env/plan.json follows schemas/env-plan.schema.json for every kind of repository; a plan missing a decision does not.</summary>
public sealed class PlanSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "env-plan.schema.json"));

    [Theory]
    [InlineData("fastapi")]
    [InlineData("monorepo")]
    [InlineData("library")]
    [InlineData("procfile")]
    public async Task Plan_FollowsItsSchema(string repo)
    {
        var tree = repo switch { "fastapi" => Repos.FastApiWithPostgres(), "monorepo" => Repos.NpmMonorepo(), "library" => Repos.Library(), _ => Repos.ContradictingStart() };
        var (_, artifacts, _) = await EnvHarness.RunAsync(tree);

        var result = Schema.Evaluate(JsonNode.Parse(artifacts.Files["env/plan.json"]), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors).Take(20).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Fact]
    public async Task PlanWithoutAStartDecision_IsRejectedByTheSchema()
    {
        var (_, artifacts, _) = await EnvHarness.RunAsync(Repos.Library());
        var plan = JsonNode.Parse(artifacts.Files["env/plan.json"])!;
        plan["apps"]![0]!.AsObject().Remove("start");

        Assert.False(Schema.Evaluate(plan).IsValid);
    }
}
