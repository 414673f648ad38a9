using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Noa.Hosting;

/// <summary>Lets modules map HTTP endpoints without the host knowing which modules are active.</summary>
public static class ModuleEndpointExtensions
{
    /// <summary>Registers <paramref name="map"/> to run when the host calls <see cref="MapModules"/>.</summary>
    public static IServiceCollection AddModuleEndpoints(this IServiceCollection services, Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        services.AddSingleton(new ModuleEndpoints(map));
        return services;
    }

    /// <summary>Runs every registered <see cref="ModuleEndpoints"/>, in registration (dependency) order.</summary>
    public static WebApplication MapModules(this WebApplication app)
    {
        foreach (var module in app.Services.GetServices<ModuleEndpoints>())
            module.Map(app);
        return app;
    }
}
