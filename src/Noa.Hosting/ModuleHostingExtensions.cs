using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Noa.Hosting;

/// <summary>Registers the modules that a target list resolves to, and nothing else.</summary>
public static class ModuleHostingExtensions
{
    /// <summary>Resolves <paramref name="targets"/> in <paramref name="catalogue"/> and registers each module once.</summary>
    /// <exception cref="TargetResolutionException">A target is unknown or the modules form a cycle.</exception>
    public static ActiveModules AddModules(this IHostApplicationBuilder builder, ModuleCatalogue catalogue, string targets)
    {
        var modules = catalogue.Resolve(targets);
        foreach (var module in modules)
            module.Register!(builder);
        var active = new ActiveModules([.. modules.Select(m => m.Name)]);
        builder.Services.AddSingleton(active);
        return active;
    }
}
