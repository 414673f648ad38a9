using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;

namespace Noa.Gateway.Tests;

/// <summary>The real key store, counting its look-ups: shows whether a refused call cost a store query.</summary>
internal sealed class CountingKeyStore(IApiKeyStore inner) : IApiKeyStore
{
    private int _lookups;

    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Wraps the registered <see cref="IApiKeyStore"/>, whatever registered it.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IApiKeyStore));
        services.Remove(registered);
        services.AddSingleton(sp => new CountingKeyStore((IApiKeyStore)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
        services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<CountingKeyStore>());
    }

    public Task SaveKeyAsync(ApiKey key, CancellationToken cancellationToken = default) => inner.SaveKeyAsync(key, cancellationToken);

    public Task<ApiKey?> GetKeyAsync(string id, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lookups);
        return inner.GetKeyAsync(id, cancellationToken);
    }

    public Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken = default) => inner.ListKeysAsync(cancellationToken);

    public Task<bool> RevokeKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.RevokeKeyAsync(id, at, cancellationToken);
}
