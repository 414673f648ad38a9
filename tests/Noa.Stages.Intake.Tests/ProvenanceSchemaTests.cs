using System.Text.Json.Nodes;
using Json.Schema;
using Noa.Abstractions;
using Noa.Stages.Intake.Tests.Support;
using static Noa.Stages.Intake.Tests.Support.ArchiveBuilder;

namespace Noa.Stages.Intake.Tests;

public sealed class ProvenanceSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(System.IO.File.ReadAllText(FindSchema())));

    public static TheoryData<string> Kinds() => ["folder", "git", "archive", "openApi", "modelList"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ExecuteAsync_EveryKind_WritesProvenanceMatchingTheSchema(string kind)
    {
        using var temp = new TempFolder();
        var source = kind switch
        {
            "folder" => Folder(temp),
            "git" => Git(temp),
            "archive" => Archive(temp),
            "openApi" => Path.Combine(AppContext.BaseDirectory, "Fixtures", "orders-3.0.yaml"),
            _ => Path.Combine(AppContext.BaseDirectory, "Fixtures", "models.yaml"),
        };

        using var run = await IntakeRun.ExecuteAsync(new DigestRequest { Source = source, RequestedBy = "alice" });

        run.AssertSucceeded();
        var entry = run.Artifacts.Paths["provenance.json"];
        var json = JsonNode.Parse(run.Artifacts.Blobs[entry.Sha256]);
        var result = Schema.Value.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))));
        Assert.Equal(kind, json!["kind"]!.GetValue<string>());
        Assert.Equal("alice", json["requestedBy"]!.GetValue<string>());
        Assert.Equal("noa", json["tool"]!["name"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05+00:00", json["startedAt"]!.GetValue<string>());
    }

    private static string Folder(TempFolder temp)
    {
        temp.Write("f/a.txt", "a");
        return temp.Combine("f");
    }

    private static string Git(TempFolder temp)
    {
        var repo = temp.Combine("repo");
        GitCli.Init(repo);
        GitCli.Commit(repo, "one", ("a.txt", "a"));
        return repo;
    }

    private static string Archive(TempFolder temp)
    {
        var file = temp.Combine("a.tar.gz");
        Tar(file, true, File("a.txt", "a"));
        return file;
    }

    private static string FindSchema()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "schemas", "provenance.schema.json");
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("schemas/provenance.schema.json not found above the test folder");
    }
}
