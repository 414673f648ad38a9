using Microsoft.Extensions.Configuration;

namespace Noa.Hosting;

/// <summary>
/// Where the embedded stores keep their data: the SQLite database, the artifact folder and run
/// workspaces. Taken from <c>Noa:Home</c> (CLI <c>--home</c>), else <c>NOA_HOME</c>, else
/// <c>$XDG_DATA_HOME/noa</c>, else <c>~/.local/share/noa</c>.
/// </summary>
public sealed record NoaHome(string Root)
{
    /// <summary>The SQLite metadata database.</summary>
    public string Database => Path.Combine(Root, "noa.db");

    /// <summary>The content-addressed artifact folder.</summary>
    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>Scratch folders of running stages.</summary>
    public string Workspaces => Path.Combine(Root, "workspaces");

    /// <summary>The embedded vector store's folder (SQLite chunks and FTS5, one vector snapshot per collection).</summary>
    public string Vectors => Path.Combine(Root, "vectors");

    /// <summary>Caches that make a repeated digest cheap (e.g. the graph stage's per-file facts); safe to delete.</summary>
    public string Cache => Path.Combine(Root, "cache");

    /// <summary>Resolves the home folder from configuration and the environment, and creates it.</summary>
    public static NoaHome From(IConfiguration configuration) => From(configuration["Noa:Home"]);

    /// <summary>Resolves the home folder from <c>Noa:Home</c>'s value (null when not set) and the environment, and creates it.</summary>
    public static NoaHome From(string? configured)
    {
        var root = configured;
        if (string.IsNullOrWhiteSpace(root))
            root = Environment.GetEnvironmentVariable("NOA_HOME");
        if (string.IsNullOrWhiteSpace(root))
        {
            var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (string.IsNullOrWhiteSpace(data))
                data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            root = Path.Combine(data, "noa");
        }
        root = Path.GetFullPath(root);
        Directory.CreateDirectory(root);
        return new NoaHome(root);
    }
}
