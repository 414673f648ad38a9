using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.EventBus.InProcess;

/// <summary>Registration of the in-process bus.</summary>
public static class Extensions
{
    /// <summary>Registers <see cref="InProcessMessageBus"/> as the <see cref="IMessageBus"/> (and the system clock), unless registered.</summary>
    public static IServiceCollection AddInProcessBus(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMessageBus, InProcessMessageBus>();
        return services;
    }
}
