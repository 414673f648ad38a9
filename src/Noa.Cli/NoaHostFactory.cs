using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Noa.Hosting;

namespace Noa.Cli;

/// <summary>Builds the generic host that the CLI verbs run modules in.</summary>
internal static class NoaHostFactory
{
    /// <summary>Configuration: environment variables (<c>Noa__Intake__MaxEntries</c>), an optional JSON file, then flags.</summary>
    public static IHost Build(string targets, GlobalOptions global, IDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "noa" });
        Configure(builder.Configuration, global, overrides);
        builder.AddNoaDefaults(jsonLogs: false);
        builder.Logging.SetMinimumLevel(global.Verbose ? LogLevel.Debug : LogLevel.Warning);
        if (!global.Verbose)
        {
            // The progress view and the summary already show every stage failure, retry and refusal; their warnings
            // would print each message again (--verbose shows them).
            builder.Logging.AddFilter("Noa.Workflows", LogLevel.Error);
            builder.Logging.AddFilter("Noa.Stages", LogLevel.Error);
        }
        builder.AddModules(Modules.Catalogue, targets);
        return builder.Build();
    }

    public static void Configure(IConfigurationManager configuration, GlobalOptions global, IDictionary<string, string?>? overrides)
    {
        configuration.AddEnvironmentVariables();
        if (global.Config is { } file)
            configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
        var flags = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>());
        if (global.Home is { } home)
            flags["Noa:Home"] = home;
        configuration.AddInMemoryCollection(flags);
    }
}
