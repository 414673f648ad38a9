using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Storage.Postgres;
using Noa.Storage.Sqlite;

namespace Noa.Cli;

/// <summary>
/// The metadata store for the verbs that only read it (<c>noa runs list</c>, <c>noa runs show</c>), opened without the generic
/// host: building the host, its container and its console logging cost a cold <c>noa runs list</c> about half of its CPU time,
/// and these verbs use none of it. The settings are the host's (<see cref="CliSettings"/>), and so are the provider and its
/// settings (<see cref="Providers"/>). With <c>--verbose</c> the store comes from the host, with its debug logging.
/// </summary>
internal sealed class MetadataReader(IRunStore store, IDisposable owner) : IDisposable
{
    public IRunStore Store { get; } = store;

    /// <summary>Opens the configured store (and brings its schema up to date, as the host's would).</summary>
    /// <exception cref="Noa.Hosting.TargetResolutionException"><c>Noa:Metadata:Provider</c> names no provider.</exception>
    public static MetadataReader Open(GlobalOptions global)
    {
        if (global.Verbose)
        {
            var host = NoaHostFactory.Build("metadata", global);
            return new MetadataReader(host.Services.GetRequiredService<IRunStore>(), host);
        }
        var settings = CliSettings.Read(global);
        // The stores log only the schema migrations they apply, at Information: below what the host prints without --verbose.
        if (Providers.IsPostgresMetadata(settings[Providers.MetadataProvider]))
            return OpenPostgres(global);
        var sqlite = new SqliteSettings();
        Providers.SqliteMetadata(settings["Noa:Home"], sqlite);
        var local = new SqliteMetadataStore(Options.Create(sqlite), NullLogger<SqliteMetadataStore>.Instance);
        return new MetadataReader(local, local);
    }

    // Postgres's settings are bound from the configuration: a method of its own, so that SQLite's path does not load it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static MetadataReader OpenPostgres(GlobalOptions global)
    {
        var configuration = new ConfigurationManager();
        NoaHostFactory.Configure(configuration, global, null);
        var postgres = new PostgresSettings();
        Providers.PostgresMetadata(configuration, postgres);
        var store = new PostgresMetadataStore(Options.Create(postgres), NullLogger<PostgresMetadataStore>.Instance);
        return new MetadataReader(store, store);
    }

    public void Dispose() => owner.Dispose();
}
