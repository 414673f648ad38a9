using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Noa.Artifacts.FileSystem;
using Noa.EventBus.InProcess;
using Noa.Hosting;
using Noa.Stages.Classifier;
using Noa.Stages.Intake;
using Noa.Storage.Sqlite;
using Noa.Workflows;

namespace Noa.Cli;

/// <summary>The module table: who depends on whom, and the groups. Keep it short and sorted.</summary>
internal static class Modules
{
    public const string All = "all";
    public const string Workers = "workers";

    public static ModuleCatalogue Catalogue { get; } = new(
    [
        new(All, "every module in one process", [Workers]),
        new("artifacts", "content-addressed artifact store (folder)", [], b =>
            b.Services.AddFileSystemArtifacts(s => s.Root = Home(b).Artifacts)),
        new("bus", "event bus and task queues (in-process streams)", [], b => b.Services.AddInProcessBus()),
        new("classifier", "Classifier stage: languages, build systems, frameworks, service type, licences → profile.json", ["workflows"], b =>
            b.Services.AddClassifier(o => b.Configuration.GetSection("Noa:Classifier").Bind(o))),
        new("intake", "Intake stage: folder, git, archive, OpenAPI, model list → provenance.json and the source snapshot", ["workflows"], b =>
            b.Services.AddIntake(o => b.Configuration.GetSection("Noa:Intake").Bind(o))),
        new("metadata", "runs, stage attempts, artifacts and audit trail (SQLite)", [], b =>
            b.Services.AddSqliteMetadata(s => s.ConnectionString = $"Data Source={Home(b).Database}")),
        new("workflows", "DAG workflow engine: retries, timeouts, gates, resume", ["artifacts", "bus", "metadata"], b =>
            b.Services.AddWorkflows(o =>
            {
                b.Configuration.GetSection("Noa:Workflows").Bind(o);
                o.WorkspaceRoot = Home(b).Workspaces;
            })),
        new(Workers, "every pipeline stage", ["classifier", "intake"]),
    ]);

    private static NoaHome Home(IHostApplicationBuilder builder) => NoaHome.From(builder.Configuration);
}
