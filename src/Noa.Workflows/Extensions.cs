using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Noa.Workflows;

/// <summary>Registration of the workflow engine.</summary>
public static class Extensions
{
    /// <summary>
    /// Registers <see cref="WorkflowEngine"/> and <see cref="BundleExporter"/> as singletons, validated
    /// <see cref="WorkflowOptions"/>, <see cref="TimeProvider.System"/> unless a clock is registered, the metrics' <c>IMeterFactory</c>, and the hosted
    /// <see cref="RetryPoller"/> (idle unless <see cref="WorkflowOptions.Dispatch"/> is bus) and <see cref="WorkspaceJanitor"/>. Needs an <c>IRunStore</c>,
    /// <c>IAuditLog</c>, <c>IArtifactStore</c>, <c>IMessageBus</c> and <c>IDelayQueue</c>.
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, Action<WorkflowOptions>? configure = null)
    {
        var options = services.AddOptions<WorkflowOptions>().ValidateOnStart();
        if (configure is not null)
            options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowOptions>, WorkflowOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The engine's and workers' meter comes from the host's factory (a host has one; a bare collection gets one here).
        services.AddMetrics();
        services.TryAddSingleton<WorkflowEngine>();
        services.TryAddSingleton<BundleExporter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, RetryPoller>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, WorkspaceJanitor>());
        return services;
    }

    /// <summary>
    /// Registers the run scheduler: a hosted service that executes the runs queued on <c>runs.requests</c>
    /// (by the gateway) and acts on cancellations from <c>runs.control</c>. Needs <see cref="AddWorkflows"/>.
    /// </summary>
    public static IServiceCollection AddRunScheduler(this IServiceCollection services, Action<RunSchedulerOptions>? configure = null)
    {
        var options = services.AddOptions<RunSchedulerOptions>().ValidateOnStart();
        if (configure is not null)
            options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunSchedulerOptions>, RunSchedulerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, RunScheduler>());
        return services;
    }

    /// <summary>
    /// Registers a worker of <paramref name="stage"/>'s task queue (<c>tasks.{stage}</c>): a hosted service that executes
    /// bus-dispatched attempts of the stage (once per stage, however often called). Needs <see cref="AddWorkflows"/>
    /// (its options: lease, slots, workspace) and the stage registered as an <c>IStage</c>.
    /// </summary>
    public static IServiceCollection AddStageWorker(this IServiceCollection services, string stage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        if (services.Any(d => d.ServiceType == typeof(StageWorkerRegistration) && Equals(d.ImplementationInstance, new StageWorkerRegistration(stage))))
            return services;
        services.AddSingleton(new StageWorkerRegistration(stage));
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(sp => new StageWorker(
            sp.GetServices<Noa.Abstractions.IStage>().FirstOrDefault(s => s.Name == stage)
                ?? throw new InvalidOperationException($"A worker of stage '{stage}' is registered, but no such stage is."),
            sp.GetRequiredService<Noa.Abstractions.IMessageBus>(), sp.GetRequiredService<Noa.Abstractions.IRunStore>(),
            sp.GetRequiredService<Noa.Abstractions.IAuditLog>(), sp.GetRequiredService<Noa.Abstractions.IArtifactStore>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<WorkflowOptions>>().Value,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<StageWorker>>(),
            WorkflowTelemetry.For(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>())));
        return services;
    }
}
