using System.CommandLine;

namespace Noa.Cli;

/// <summary>Flags every verb accepts; each maps onto a configuration key.</summary>
internal sealed record GlobalOptions(string? Home, string? Config, bool Verbose)
{
    public static readonly Option<string?> HomeOption = new("--home")
    {
        Description = "Data folder of the embedded stores (Noa:Home; default $NOA_HOME or ~/.local/share/noa)",
        Recursive = true,
    };

    public static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "A JSON configuration file (same keys as the environment, e.g. {\"Noa\":{\"Intake\":{\"MaxEntries\":1000}}})",
        Recursive = true,
    };

    public static readonly Option<bool> VerboseOption = new("--verbose", "-v")
    {
        Description = "Log debug messages to stderr",
        Recursive = true,
    };

    public static GlobalOptions From(ParseResult result) =>
        new(result.GetValue(HomeOption), result.GetValue(ConfigOption), result.GetValue(VerboseOption));
}
