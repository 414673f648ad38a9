using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Bundles.Registry;

/// <summary>Registration of the OCI distribution registry bundle store.</summary>
public static class Extensions
{
    /// <summary>Registers <see cref="RegistryStore"/> as the <see cref="IBundleRegistry"/>, unless one is registered; settings validated at startup.</summary>
    public static IServiceCollection AddRegistryBundles(this IServiceCollection services, Action<RegistrySettings> configure)
    {
        services.AddOptions<RegistrySettings>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistrySettings>, Validator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBundleRegistry, RegistryStore>();
        return services;
    }

    private sealed class Validator : IValidateOptions<RegistrySettings>
    {
        public ValidateOptionsResult Validate(string? name, RegistrySettings options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
