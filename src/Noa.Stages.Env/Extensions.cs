using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Env;

/// <summary>Registers the Env Synthesis stage.</summary>
public static class Extensions
{
    /// <summary>Adds <see cref="EnvStage"/> as an <see cref="IStage"/> with options from <c>Noa:Env</c>, validated at startup. The
    /// proof (build and start) uses <see cref="ICapsules"/> and <see cref="IImageBuilder"/> when the process has them.</summary>
    public static IServiceCollection AddEnv(this IServiceCollection services, Action<EnvOptions>? configure = null)
    {
        var builder = services.AddOptions<EnvOptions>().BindConfiguration(EnvOptions.Section);
        if (configure is not null)
            builder.Configure(configure);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EnvOptions>, Validator>());
        services.TryAddSingleton<Verify.ImageVerifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStage, EnvStage>());
        return services;
    }

    private sealed class Validator : IValidateOptions<EnvOptions>
    {
        public ValidateOptionsResult Validate(string? name, EnvOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
