using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Integrator;

/// <summary>Registers the Integrator stage.</summary>
public static class Extensions
{
    /// <summary>Adds <see cref="IntegratorStage"/> as an <see cref="IStage"/> with options from <c>Noa:Integrator</c>, validated at startup.</summary>
    public static IServiceCollection AddIntegrator(this IServiceCollection services, Action<IntegratorOptions>? configure = null)
    {
        var builder = services.AddOptions<IntegratorOptions>().BindConfiguration(IntegratorOptions.Section);
        if (configure is not null)
            builder.Configure(configure);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegratorOptions>, Validator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStage, IntegratorStage>());
        return services;
    }

    private sealed class Validator : IValidateOptions<IntegratorOptions>
    {
        public ValidateOptionsResult Validate(string? name, IntegratorOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
