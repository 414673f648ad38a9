using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.EventBus.InProcess;

/// <summary>Registration of the in-process bus.</summary>
public static class Extensions
{
    /// <summary>
    /// Registers <see cref="InProcessMessageBus"/> as the <see cref="IMessageBus"/> and <see cref="InProcessDelayQueue"/> as the
    /// <see cref="IDelayQueue"/> (and the system clock), unless registered.
    /// </summary>
    public static IServiceCollection AddInProcessBus(this IServiceCollection services, Action<InProcessBusSettings>? configure = null)
    {
        var options = services.AddOptions<InProcessBusSettings>();
        if (configure is not null)
            options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMessageBus>(sp => new InProcessMessageBus(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<InProcessBusSettings>>().Value.MaxStreamLength));
        return services.AddInProcessDelayQueue();
    }

    /// <summary>Registers <see cref="InProcessDelayQueue"/> as the <see cref="IDelayQueue"/> (and the system clock), unless registered.</summary>
    public static IServiceCollection AddInProcessDelayQueue(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDelayQueue>(sp => new InProcessDelayQueue(sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
