using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.OpenAi;

namespace Noa.Stages.Runner;

/// <summary>Registers the Runner stage.</summary>
public static class Extensions
{
    /// <summary>
    /// Adds <see cref="RunnerStage"/> as an <see cref="IStage"/> with options from <c>Noa:Runner</c>, validated at startup.
    /// Needs an <see cref="ICapsules"/> (the capsules module) to run anything; the repair loop's model (<c>Noa:Runner:Repair</c>)
    /// is called through the <see cref="RunnerStage.RepairClient"/> HTTP client with the standard resilience handler.
    /// </summary>
    public static IServiceCollection AddRunner(this IServiceCollection services, Action<RunnerOptions>? configure = null)
    {
        var builder = services.AddOptions<RunnerOptions>().BindConfiguration(RunnerOptions.Section);
        if (configure is not null)
            builder.Configure(configure);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunnerOptions>, Validator>());
        services.AddOpenAiClient(RunnerStage.RepairClient, attempt: TimeSpan.FromMinutes(2), total: TimeSpan.FromMinutes(3), retries: 1);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStage, RunnerStage>());
        return services;
    }

    private sealed class Validator : IValidateOptions<RunnerOptions>
    {
        public ValidateOptionsResult Validate(string? name, RunnerOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
