using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Graph;

/// <summary>Registers the Graph Extract stage.</summary>
public static class Extensions
{
    /// <summary>Adds <see cref="GraphStage"/> as an <see cref="IStage"/>, with options bound from <c>Noa:Graph</c>.</summary>
    public static IServiceCollection AddGraph(this IServiceCollection services, Action<GraphOptions>? configure = null)
    {
        var builder = services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section);
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>());
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStage, GraphStage>());
        return services;
    }
}
