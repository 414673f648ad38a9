using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Noa.Credentials;

/// <summary>Registration of the credential sealer.</summary>
public static class Extensions
{
    /// <summary>Registers <see cref="CredentialSealer"/> (once) with its options.</summary>
    public static IServiceCollection AddCredentialSealer(this IServiceCollection services, Action<CredentialOptions> configure)
    {
        services.AddOptions<CredentialOptions>().Configure(configure);
        services.TryAddSingleton<CredentialSealer>();
        return services;
    }
}
