using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.Artifacts.FileSystem;

/// <summary>Registration of the folder artifact store.</summary>
public static class Extensions
{
    /// <summary>Registers <see cref="FileSystemArtifactStore"/> as the <see cref="IArtifactStore"/>, unless one is registered.</summary>
    public static IServiceCollection AddFileSystemArtifacts(this IServiceCollection services, Action<FileSystemArtifactSettings> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton<IArtifactStore, FileSystemArtifactStore>();
        return services;
    }
}
