using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.EventBus.Redis;

/// <summary>Registration of the Redis Streams bus.</summary>
public static class Extensions
{
    /// <summary>The configuration section of <see cref="RedisBusSettings"/>.</summary>
    public const string SectionName = "Noa:Bus:Redis";

    /// <summary>Registers the Redis Streams bus with <see cref="RedisBusSettings"/> bound from <c>Noa:Bus:Redis</c>.</summary>
    public static IServiceCollection AddRedisBus(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddRedisBus(s => configuration.GetSection(SectionName).Bind(s));
    }

    /// <summary>
    /// Registers the Redis Streams bus as the <see cref="IMessageBus"/> and <see cref="RedisDelayQueue"/> as the
    /// <see cref="IDelayQueue"/> (unless registered), and a health
    /// check named <c>redis-bus</c> tagged <c>ready</c> unless <see cref="RedisBusSettings.DisableHealthChecks"/>.
    /// </summary>
    public static IServiceCollection AddRedisBus(this IServiceCollection services, Action<RedisBusSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisConnector>();
        services.TryAddSingleton<BlockingReaderPool>();
        services.TryAddSingleton<InFlightTracker>();
        services.TryAddSingleton<AckBatcher>();
        services.TryAddSingleton<ReclaimSchedule>();
        services.AddMetrics();
        services.TryAddSingleton<RedisBusMetrics>();
        services.TryAddSingleton<IMessageBus, RedisMessageBus>();
        services.TryAddSingleton<IDelayQueue, RedisDelayQueue>();

        var settings = new RedisBusSettings();
        configure(settings);
        // "ready" is Noa.Hosting's ReadyTag (adapters do not reference Hosting); health check names must be unique.
        if (!settings.DisableHealthChecks && !services.Any(d => d.ServiceType == typeof(RedisBusHealthCheck)))
        {
            services.AddSingleton<RedisBusHealthCheck>();
            services.AddHealthChecks().AddCheck<RedisBusHealthCheck>("redis-bus", tags: ["ready"]);
        }
        return services;
    }
}
