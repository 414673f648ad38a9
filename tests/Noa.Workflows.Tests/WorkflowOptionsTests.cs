using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Artifacts.FileSystem;
using Noa.EventBus.InProcess;
using Noa.Storage.Sqlite;

namespace Noa.Workflows.Tests;

public sealed class WorkflowOptionsTests
{
    [Fact]
    public void Bind_Configuration_SetsDefaultsAndPerStageOverrides()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Noa:Workflows:MaxConcurrentActivities"] = "3",
            ["Noa:Workflows:DefaultStartToCloseTimeout"] = "00:10:00",
            ["Noa:Workflows:DefaultRetryPolicy:MaximumAttempts"] = "5",
            ["Noa:Workflows:DefaultRetryPolicy:NonRetryableErrorTypes:0"] = "BadInput",
            ["Noa:Workflows:Stages:safety:StartToCloseTimeout"] = "00:00:30",
            ["Noa:Workflows:Stages:safety:RetryPolicy:InitialInterval"] = "00:00:02",
            ["Noa:Workflows:Stages:safety:RetryPolicy:MaximumInterval"] = "00:00:05",
        }).Build();
        var options = new WorkflowOptions();

        configuration.GetSection("Noa:Workflows").Bind(options);

        Assert.Equal(3, options.MaxConcurrentActivities);
        Assert.Equal(TimeSpan.FromMinutes(10), options.StartToCloseTimeoutFor("graph"));
        Assert.Equal(TimeSpan.FromSeconds(30), options.StartToCloseTimeoutFor("safety"));
        Assert.Equal(5, options.RetryPolicyFor("graph").MaximumAttempts);
        Assert.Equal(["BadInput"], options.RetryPolicyFor("graph").NonRetryableErrorTypes);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RetryPolicyFor("safety").DelayFor(3));
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEveryOne()
    {
        var options = new WorkflowOptions
        {
            MaxConcurrentActivities = 0,
            DefaultStartToCloseTimeout = TimeSpan.Zero,
            RetryPollInterval = TimeSpan.Zero,
            Stages = { ["graph"] = new StageOptions { RetryPolicy = new RetryPolicy { BackoffCoefficient = 0.5, MaximumAttempts = -1 } } },
        };

        var result = new WorkflowOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(5, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("Stages:graph:RetryPolicy:BackoffCoefficient"));
        Assert.Contains(result.Failures!, f => f.Contains("RetryPollInterval"));
    }

    [Fact]
    public void AddWorkflows_WithEmbeddedAdapters_ResolvesEngineAndExporter()
    {
        var root = Path.Combine(Path.GetTempPath(), $"noa-di-{Guid.NewGuid():N}");
        try
        {
            using var provider = new ServiceCollection()
                .AddLogging()
                .AddInProcessBus()
                .AddFileSystemArtifacts(s => s.Root = Path.Combine(root, "cas"))
                .AddSqliteMetadata(s => s.ConnectionString = $"Data Source={Path.Combine(root, "noa.db")}")
                .AddWorkflows(o => o.WorkspaceRoot = Path.Combine(root, "work"))
                .BuildServiceProvider();

            Assert.NotNull(provider.GetRequiredService<WorkflowEngine>());
            Assert.NotNull(provider.GetRequiredService<BundleExporter>());
            Assert.Same(provider.GetRequiredService<IRunStore>(), provider.GetRequiredService<IAuditLog>());
            Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
            Assert.Throws<OptionsValidationException>(() =>
                new ServiceCollection().AddWorkflows(o => o.MaxConcurrentActivities = 0).BuildServiceProvider()
                    .GetRequiredService<IOptions<WorkflowOptions>>().Value);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }
}
