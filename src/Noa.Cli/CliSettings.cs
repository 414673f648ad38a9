using System.Collections;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;

namespace Noa.Cli;

/// <summary>
/// The <c>Noa:</c> settings as the host's configuration sees them (<see cref="NoaHostFactory.Configure"/>: environment
/// variables, then <c>--config</c>'s file, then <c>--home</c>), for the verbs that read a few of them without a host
/// (<c>noa runs list</c>, <c>noa search</c>, the resident search process). Without <c>--config</c> they are read here from
/// the environment, as the configuration's environment provider reads them (<c>Noa__Search__Resident</c> is
/// <c>Noa:Search:Resident</c>, keys in any case, the last one read winning): Microsoft.Extensions.Configuration's four
/// assemblies and its providers cost a cold process more than the settings it reads. With <c>--config</c> the
/// configuration itself reads them. A test compares both for the environment, a file and <c>--home</c>.
/// </summary>
internal sealed class CliSettings
{
    private const string Prefix = "Noa:";
    private readonly Dictionary<string, string> _values;

    private CliSettings(Dictionary<string, string> values) => _values = values;

    /// <summary>A setting's value (null when not set); keys in any case, as the configuration reads them.</summary>
    public string? this[string key] => _values.GetValueOrDefault(key);

    /// <summary>Every <c>Noa:</c> setting that has a value.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The settings the host would see for these global options.</summary>
    public static CliSettings Read(GlobalOptions global) =>
        global.Config is null ? FromEnvironment(global.Home) : FromConfiguration(global);

    /// <summary>The <c>Noa:</c> settings of a configuration (the comparison's other side, and <c>--config</c>'s reader).</summary>
    public static CliSettings From(IConfiguration configuration)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is not null && key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
                values[key] = value;
        }
        return new CliSettings(values);
    }

    private static CliSettings FromEnvironment(string? home)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // Enumerated as the environment provider enumerates them, so that of two keys differing in case the same one wins.
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var key = ((string)entry.Key).Replace("__", ":", StringComparison.Ordinal);
            if (key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && entry.Value is string value)
                values[key] = value;
        }
        if (home is not null)
            values["Noa:Home"] = home;
        return new CliSettings(values);
    }

    // A method of its own: were the configuration's types in Read, every fast path would load their assemblies.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CliSettings FromConfiguration(GlobalOptions global)
    {
        var configuration = new ConfigurationManager();
        NoaHostFactory.Configure(configuration, global, null);
        return From(configuration);
    }
}
