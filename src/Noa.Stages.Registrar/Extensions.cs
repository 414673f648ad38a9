using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Registrar;

/// <summary>Registers the Registrar.</summary>
public static class Extensions
{
    /// <summary>
    /// Adds <see cref="RegistrarStage"/> as an <see cref="IStage"/>, and <see cref="BundlePublisher"/>, <see cref="BundlePuller"/> and
    /// <see cref="BundleVerifier"/>, with options from <c>Noa:Registrar</c>. It needs an <see cref="IBundleRegistry"/>, an
    /// <see cref="IRunStore"/>, an <see cref="ICatalog"/> and an <see cref="IArtifactStore"/>.
    /// </summary>
    public static IServiceCollection AddRegistrar(this IServiceCollection services, Action<RegistrarOptions>? configure = null)
    {
        var builder = services.AddOptions<RegistrarOptions>();
        if (configure is not null)
            builder.Configure(configure);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistrarOptions>, Validator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BundlePublisher>();
        services.TryAddSingleton<BundlePuller>();
        services.TryAddSingleton<BundleVerifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStage, RegistrarStage>());
        return services;
    }

    private sealed class Validator : IValidateOptions<RegistrarOptions>
    {
        public ValidateOptionsResult Validate(string? name, RegistrarOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
