using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;
using Noa.Stages.Safety.Engines;

namespace Noa.Stages.Safety;

/// <summary>Registers the Safety stage and its engines.</summary>
public static class Extensions
{
    /// <summary>Adds <see cref="SafetyStage"/> as an <see cref="IStage"/> with its engines; options from <c>Noa:Safety</c>.</summary>
    public static IServiceCollection AddSafety(this IServiceCollection services, Action<SafetyOptions>? configure = null)
    {
        var builder = services.AddOptions<SafetyOptions>().BindConfiguration(SafetyOptions.Section);
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISafetyEngine, SbomEngine>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISafetyEngine, ProjectLicenseEngine>());
        services.AddAdvisoryHttpClient();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISafetyEngine, VulnerabilityEngine>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISafetyEngine, RulesEngine>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISafetyEngine, SecretsEngine>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStage, SafetyStage>());
        return services.AddSafetyPolicyValidator();
    }

    /// <summary>Adds the <see cref="IPolicyValidator"/> that checks policy documents as the stage parses them (for the gateway).</summary>
    public static IServiceCollection AddSafetyPolicyValidator(this IServiceCollection services)
    {
        services.TryAddSingleton<IPolicyValidator, Policy.PolicyValidator>();
        return services;
    }
}
