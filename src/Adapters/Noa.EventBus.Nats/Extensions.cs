using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.EventBus.Nats;

/// <summary>Registration of the NATS JetStream bus, behind its feature flag.</summary>
public static class Extensions
{
    /// <summary>The configuration key that picks the bus; <c>nats</c> turns this one on.</summary>
    public const string ProviderKey = "Noa:Bus:Provider";

    /// <summary>The configuration section of <see cref="NatsBusSettings"/>.</summary>
    public const string SectionName = "Noa:Bus:Nats";

    /// <summary>
    /// Binds <see cref="NatsBusSettings"/> from <c>Noa:Bus:Nats</c> and registers the bus when
    /// <see cref="NatsBusSettings.Enabled"/> or <c>Noa:Bus:Provider=nats</c>; otherwise registers nothing.
    /// </summary>
    public static IServiceCollection AddNatsBus(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var chosen = string.Equals(configuration[ProviderKey], "nats", StringComparison.OrdinalIgnoreCase);
        return services.AddNatsBus(s =>
        {
            configuration.GetSection(SectionName).Bind(s);
            s.Enabled |= chosen;
        });
    }

    /// <summary>
    /// When the configured <see cref="NatsBusSettings.Enabled"/> is true, registers the NATS JetStream bus as the
    /// <see cref="IMessageBus"/> (unless one is registered) and a health check named <c>nats-bus</c> tagged
    /// <c>ready</c> unless <see cref="NatsBusSettings.DisableHealthChecks"/>. When false, registers nothing.
    /// </summary>
    public static IServiceCollection AddNatsBus(this IServiceCollection services, Action<NatsBusSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var settings = new NatsBusSettings();
        configure(settings);
        if (!settings.Enabled)
            return services;
        services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NatsConnector>();
        services.TryAddSingleton<IMessageBus, NatsMessageBus>();
        // "ready" is Noa.Hosting's ReadyTag (adapters do not reference Hosting); health check names must be unique.
        if (!settings.DisableHealthChecks && !services.Any(d => d.ServiceType == typeof(NatsHealthCheck)))
        {
            services.AddSingleton<NatsHealthCheck>();
            services.AddHealthChecks().AddCheck<NatsHealthCheck>("nats-bus", tags: ["ready"]);
        }
        return services;
    }
}
