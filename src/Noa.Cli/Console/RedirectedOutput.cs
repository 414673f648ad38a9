using Spectre.Console;

namespace Noa.Cli.Console;

/// <summary>Spectre.Console's width when the output goes to a log or a pipe.</summary>
internal static class RedirectedOutput
{
    /// <summary>Columns: logs and pipes get no wrapping at 80 columns.</summary>
    public const int Width = 160;

    public static void ConfigureSpectre()
    {
        if (System.Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = Width;
    }
}
