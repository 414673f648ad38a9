using System.IO.Hashing;
using System.Text;

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

    /// <summary>The file every build and publish of noa writes beside it with a new id (Noa.Cli.csproj).</summary>
    public const string BuildIdFile = "noa.build-id";

    /// <summary>
    /// The executable's identity: the noa assembly's build id, the id the build wrote beside it (<see cref="BuildIdFile"/>;
    /// where there is none, the newest assembly beside it) and the newest prepared model (written after the build, by
    /// <c>noa prepare-models</c>), so a rebuild of any part is a different build. The file is one read where the newest
    /// assembly was a stat of each of the ~170 files beside noa.
    /// </summary>
    public static string Build() => Build(AppContext.BaseDirectory);

    /// <summary>The identity of the build in <paramref name="folder"/> (<see cref="Build()"/>).</summary>
    internal static string Build(string folder)
    {
        var idFile = Path.Combine(folder, BuildIdFile);
        var files = File.Exists(idFile) ? File.ReadAllText(idFile).Trim() : Newest(Directory.EnumerateFiles(folder, "*.dll")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var models = Path.Combine(folder, "models");
        var model = Directory.Exists(models) ? Newest(Directory.EnumerateFiles(models)) : 0L;
        return $"{typeof(ResidentSearchProtocol).Assembly.ManifestModule.ModuleVersionId:N}@{files}@{model}";
    }

    // A plain loop: LINQ over DateTime values is compiled at run time in every cold `noa search` (ReadyToRun has no code
    // for that instantiation).
    private static long Newest(IEnumerable<string> files)
    {
        var newest = 0L;
        foreach (var file in files)
            newest = Math.Max(newest, File.GetLastWriteTimeUtc(file).Ticks);
        return newest;
    }

    /// <summary>
    /// A digest of every <c>Noa:</c> setting that can change a search's answer, in key order: all but the home (the socket's
    /// place says which home) and the settings only a digest reads (<see cref="DigestOnly"/>), so that the resident process a
    /// digest started with a budget of its own (<c>make demo</c>'s <c>Noa__Embeddings__MaxSeconds</c>) answers a plain
    /// <c>noa search</c> after it. A key not listed counts: an unknown setting costs a new process, never a stale answer.
    /// It only tells one process's settings from another's, both the same user's (the socket is owner-only), so a
    /// non-cryptographic hash does: SHA-256 loaded OpenSSL into every cold <c>noa search</c>.
    /// </summary>
    public static string Settings(CliSettings configuration)
    {
        // A plain loop and a sort of strings: LINQ over key-value pairs is compiled at run time in every cold `noa search`.
        var lines = new List<string>();
        foreach (var (key, value) in configuration.Values)
        {
            if (!key.Equals("Noa:Home", StringComparison.OrdinalIgnoreCase) && !DigestOnly(key))
                lines.Add($"{key.ToUpperInvariant()}={value}");
        }
        lines.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(XxHash128.Hash(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    // The stages' own sections and the Embeddings stage's budget (its models, in the same section, count), the workflow
    // engine, gateway and bus, and the digest's own switch for the resident process.
    private static readonly string[] DigestOnlySections =
    [
        "Noa:Intake:", "Noa:Classifier:", "Noa:Graph:", "Noa:Safety:", "Noa:Env:", "Noa:Runner:", "Noa:Integrator:",
        "Noa:Registrar:", "Noa:Capsule:", "Noa:Workflows:", "Noa:Gateway:", "Noa:Bus:",
        "Noa:Embeddings:MaxChunks", "Noa:Embeddings:MaxSeconds", "Noa:Embeddings:MaxFileBytes", "Noa:Embeddings:StepSize",
        "Noa:Search:WarmAfterDigest",
    ];

    /// <summary>Whether only a digest reads <paramref name="key"/> (a search's answer is the same whatever its value).</summary>
    internal static bool DigestOnly(string key)
    {
        foreach (var prefix in DigestOnlySections)
        {
            if (prefix.EndsWith(':') ? key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) : key.Equals(prefix, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
