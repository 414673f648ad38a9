using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Noa.Cli.Search;

/// <summary>
/// What <c>noa search</c> and the resident search process (<see cref="ResidentSearchServer"/>) agree on: where the socket
/// is (<c>search/</c> in the home, owner-only), one JSON line each way, and the two things that must match for the resident
/// process to answer for this command: the build (the executable's files) and every <c>Noa:</c> setting (environment and
/// <c>--config</c>), so that a rebuild or another model setting never gets answers from an older process.
/// </summary>
internal static class ResidentSearchProtocol
{
    /// <summary>Longest path a Unix socket address holds (sun_path is 108 bytes with its terminator).</summary>
    private const int MaxSocketPath = 107;

    /// <summary>The folder of the socket, lock and log: <c>search/</c> in the home.</summary>
    public static string Folder(string home) => Path.Combine(home, "search");

    public static string Socket(string home) => Path.Combine(Folder(home), "resident.sock");

    public static string Lock(string home) => Path.Combine(Folder(home), "resident.lock");

    public static string Pid(string home) => Path.Combine(Folder(home), "resident.pid");

    public static string Log(string home) => Path.Combine(Folder(home), "resident.log");

    /// <summary>Whether the home's socket path fits a Unix socket address (else search runs in the CLI's process).</summary>
    public static bool Usable(string home) => Encoding.UTF8.GetByteCount(Socket(home)) <= MaxSocketPath;

    /// <summary>
    /// The executable's identity: the noa assembly's build id and the newest file beside it (assemblies and the prepared
    /// model), so a rebuild of any part is a different build.
    /// </summary>
    public static string Build()
    {
        // A plain loop: LINQ over DateTime values is compiled at run time in every cold `noa search` (ReadyToRun has no
        // code for that instantiation).
        var folder = AppContext.BaseDirectory;
        var models = Path.Combine(folder, "models");
        var newest = 0L;
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll"))
            newest = Math.Max(newest, File.GetLastWriteTimeUtc(file).Ticks);
        if (Directory.Exists(models))
        {
            foreach (var file in Directory.EnumerateFiles(models))
                newest = Math.Max(newest, File.GetLastWriteTimeUtc(file).Ticks);
        }
        return $"{typeof(ResidentSearchProtocol).Assembly.ManifestModule.ModuleVersionId:N}@{newest}";
    }

    /// <summary>
    /// A digest of every <c>Noa:</c> setting but the home (the socket's place says which home), in key order. It only tells
    /// one process's settings from another's, both the same user's (the socket is owner-only), so a non-cryptographic hash
    /// does: SHA-256 loaded OpenSSL into every cold <c>noa search</c>.
    /// </summary>
    public static string Settings(IConfiguration configuration)
    {
        var text = string.Join('\n', configuration.AsEnumerable()
            .Where(kv => kv.Key.StartsWith("Noa:", StringComparison.OrdinalIgnoreCase) && kv.Value is not null
                         && !kv.Key.Equals("Noa:Home", StringComparison.OrdinalIgnoreCase))
            .Select(kv => $"{kv.Key.ToUpperInvariant()}={kv.Value}").Order(StringComparer.Ordinal));
        return Convert.ToHexString(XxHash128.Hash(Encoding.UTF8.GetBytes(text)));
    }
}
