using Spectre.Console;

namespace Noa.Cli.Console;

/// <summary>Spectre.Console's width when the output goes to a log or a pipe.</summary>
internal static class RedirectedOutput
{
    /// <summary>Columns: logs and pipes get no wrapping at 80 columns.</summary>
    public const int Width = 160;

    /// <summary>Environment variables that make Spectre.Console enrich its profile for a CI server (GitHub's turns colours on).</summary>
    private static readonly string[] CiVariables =
    [
        "APPVEYOR", "BITBUCKET_COMMIT", "BITBUCKET_REPO_OWNER", "BITBUCKET_REPO_SLUG", "BITRISE_BUILD_URL", "CI_SERVER",
        "GITHUB_ACTIONS", "GO_SERVER_URL", "JENKINS_URL", "TEAMCITY_VERSION", "TF_BUILD", "TRAVIS",
    ];

    /// <summary>
    /// Whether Spectre.Console writes this process's standard output without colours or other escapes, and in UTF-8 (so
    /// with its Unicode borders): what the CLI may then write as Spectre would without loading it.
    /// </summary>
    public static bool SpectreWritesPlainText()
    {
        if (!System.Console.IsOutputRedirected || System.Console.OutputEncoding.CodePage != 65001)
            return false;
        foreach (var variable in CiVariables)
        {
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
                return false;
        }
        return true;
    }

    public static void ConfigureSpectre()
    {
        if (System.Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = Width;
    }
}
