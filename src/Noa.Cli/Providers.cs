using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Noa.Artifacts.FileSystem;
using Noa.Artifacts.S3;
using Noa.Bundles.OciLayout;
using Noa.Bundles.Registry;
using Noa.EventBus.InProcess;
using Noa.EventBus.Nats;
using Noa.EventBus.Redis;
using Noa.Embeddings.Models;
using Noa.Embeddings.Search;
using Noa.Hosting;
using Noa.Storage.Postgres;
using Noa.Storage.Sqlite;
using Noa.Vectors.Embedded;
using Noa.Vectors.Postgres;

namespace Noa.Cli;

/// <summary>
/// Which adapter implements each port, chosen by configuration: <c>Noa:Bus:Provider</c> (inprocess | redis | nats; the bus
/// brings its delay queue: in-process for inprocess and nats, Redis for redis),
/// <c>Noa:Metadata:Provider</c> (sqlite | postgres), <c>Noa:Artifacts:Provider</c> (filesystem | s3),
/// <c>Noa:Vectors:Provider</c> (embedded | postgres), <c>Noa:Bundles:Provider</c> (layout | registry). The embedded
/// ones are the defaults; each server adapter binds its settings from the section named after it
/// (<c>Noa:Bus:Redis</c>, <c>Noa:Bus:Nats</c>, <c>Noa:Metadata:Postgres</c>, <c>Noa:Artifacts:S3</c>, <c>Noa:Vectors:Postgres</c>).
/// </summary>
internal static class Providers
{
    public static void AddBus(IHostApplicationBuilder b)
    {
        switch (Choose(b, "Noa:Bus:Provider", "inprocess", "redis", "nats"))
        {
            case "redis":
                b.Services.AddRedisBus(s => b.Configuration.GetSection("Noa:Bus:Redis").Bind(s));
                break;
            case "nats":
                b.Services.AddNatsBus(b.Configuration);
                // Delayed retries then wait in the memory of the process that scheduled them (the orchestrator): they
                // survive its death only on Redis, where they are a sorted set of due times.
                b.Services.AddInProcessDelayQueue();
                break;
            default:
                b.Services.AddInProcessBus();
                break;
        }
    }

    public const string MetadataProvider = "Noa:Metadata:Provider";

    public static void AddMetadata(IHostApplicationBuilder b)
    {
        if (IsPostgresMetadata(b.Configuration[MetadataProvider]))
            b.Services.AddPostgresMetadata(s => PostgresMetadata(b.Configuration, s));
        else
            b.Services.AddSqliteMetadata(s => SqliteMetadata(b.Configuration["Noa:Home"], s));
    }

    /// <summary>
    /// Whether <c>Noa:Metadata:Provider</c>'s value chooses Postgres (else SQLite, the default); <see cref="MetadataReader"/>
    /// asks too.
    /// </summary>
    public static bool IsPostgresMetadata(string? provider) => Choose(provider, MetadataProvider, "sqlite", "postgres") == "postgres";

    /// <summary>SQLite's database in the home that <c>Noa:Home</c>'s value (null when not set) and the environment name.</summary>
    public static void SqliteMetadata(string? home, SqliteSettings settings) =>
        settings.ConnectionString = $"Data Source={NoaHome.From(home).Database}";

    public static void PostgresMetadata(IConfiguration configuration, PostgresSettings settings) =>
        configuration.GetSection("Noa:Metadata:Postgres").Bind(settings);

    public static void AddArtifacts(IHostApplicationBuilder b)
    {
        if (Choose(b, "Noa:Artifacts:Provider", "filesystem", "s3") == "s3")
            b.Services.AddS3Artifacts(s => b.Configuration.GetSection("Noa:Artifacts:S3").Bind(s));
        else
            b.Services.AddFileSystemArtifacts(s => s.Root = NoaHome.From(b.Configuration).Artifacts);
    }

    /// <summary>
    /// The bundle registry: an OCI image layout under <c>$NOA_HOME/oci</c> (embedded), or an OCI distribution registry
    /// (<c>Noa:Bundles:Registry</c>; chunked uploads in progress are recorded under <c>$NOA_HOME/cache/uploads</c>).
    /// </summary>
    public static void AddBundles(IHostApplicationBuilder b)
    {
        if (Choose(b, "Noa:Bundles:Provider", "layout", "registry") == "registry")
            b.Services.AddRegistryBundles(s =>
            {
                s.UploadStateFolder = Path.Combine(NoaHome.From(b.Configuration).Cache, "uploads");
                b.Configuration.GetSection("Noa:Bundles:Registry").Bind(s);
            });
        else
            b.Services.AddOciLayoutBundles(s => s.Root = Path.Combine(NoaHome.From(b.Configuration).Root, "oci"));
    }

    /// <summary>
    /// The vector store, the embedding models of <c>Noa:Embeddings</c> (<c>Default</c>, <c>Code</c>, <c>Docs</c>; each
    /// loaded once per process) and <see cref="ChunkSearch"/> over them. Invalid model settings stop startup.
    /// </summary>
    public static void AddVectors(IHostApplicationBuilder b)
    {
        if (Choose(b, "Noa:Vectors:Provider", "embedded", "postgres") == "postgres")
            b.Services.AddPostgresVectors(s => b.Configuration.GetSection("Noa:Vectors:Postgres").Bind(s));
        else
            b.Services.AddEmbeddedVectors(s => s.Folder = NoaHome.From(b.Configuration).Vectors);
        var models = EmbeddingModelsFrom(b.Configuration.GetSection(EmbeddingOptions.Section));
        if (models.Validate() is { Count: > 0 } errors)
            throw new TargetResolutionException(string.Join(" ", errors));
        b.Services.AddSingleton(models);
        b.Services.AddEmbeddingModelCache();
        b.Services.AddSingleton<ChunkSearch>();
    }

    // Each spec is bound into a new object: binding into the defaults would change the shared default instance.
    private static EmbeddingOptions EmbeddingModelsFrom(IConfigurationSection section)
    {
        EmbeddingModelSpec? Spec(string key) => section.GetSection(key) is { } s && s.Exists() ? s.Get<EmbeddingModelSpec>() ?? new EmbeddingModelSpec() : null;
        return new EmbeddingOptions { Default = Spec("Default") ?? EmbeddingModelSpec.Default, Code = Spec("Code"), Docs = Spec("Docs") };
    }

    /// <summary>The configured choice in lower case, or the first (default) one; anything else is refused at startup.</summary>
    private static string Choose(IHostApplicationBuilder b, string key, params string[] choices) => Choose(b.Configuration[key], key, choices);

    private static string Choose(string? value, string key, params string[] choices)
    {
        if (string.IsNullOrWhiteSpace(value))
            return choices[0];
        var chosen = value.Trim().ToLowerInvariant();
        return choices.Contains(chosen)
            ? chosen
            : throw new TargetResolutionException($"{key} must be {string.Join(" or ", choices)} (was '{value}')");
    }
}
