using System.Text.Json.Nodes;
using Json.Schema;

namespace Noa.Stages.Classifier.Tests;

public sealed class ProfileSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "profile.schema.json"));

    [Fact]
    public async Task Serialize_RichProfile_MatchesSchema()
    {
        var result = await MemoryFiles.ClassifyAsync(
            ("LICENSE", TestTexts.GoLicense),
            ("package.json", """{ "name": "x", "license": "MIT OR Apache-2.0", "bin": "cli.js", "dependencies": { "express": "4" } }"""),
            ("Cargo.toml", "[package]\nlicense = \"Foo\"\n"),
            ("main.go", "// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\npackage main\n"),
            ("lib.c", "// SPDX-License-Identifier: MIT\nint x;\n"),
            ("Dockerfile", "FROM scratch\nEXPOSE 8080\n"),
            ("site/index.html", "<html></html>\n"));
        AssertValid(result.Profile.ToJson());
    }

    [Fact]
    public async Task Serialize_EmptyProfile_MatchesSchema() =>
        AssertValid((await MemoryFiles.ClassifyAsync()).Profile.ToJson());

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "version": 1 }""")]
    public void Evaluate_NotAProfile_IsInvalid(string json) =>
        Assert.False(Schema.Evaluate(JsonNode.Parse(json)).IsValid);

    private static void AssertValid(byte[] json)
    {
        var node = JsonNode.Parse(json);
        var result = Schema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors)
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }
}
