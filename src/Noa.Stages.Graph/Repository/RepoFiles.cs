using System.Text;
using Noa.Abstractions;

namespace Noa.Stages.Graph.Repository;

/// <summary>
/// The texts of the files that describe a repository rather than implement it: project manifests, Procfiles,
/// Dockerfiles, compose files, Makefiles, READMEs, CI workflows, dotenv and application config files, Kotlin sources
/// (no grammar here: their entry points are read from the text). Read once per run, at most
/// <see cref="MaxBytes"/> each; the sets of every path of the source let readers check that a file exists.
/// </summary>
internal sealed class RepoFiles
{
    /// <summary>The largest file read; larger ones are listed in <see cref="Paths"/> only.</summary>
    public const int MaxBytes = 1 << 20;

    private static readonly string[] Excluded = ["node_modules/", "vendor/", ".git/", "bower_components/", "site-packages/", ".venv/", "venv/"];

    public RepoFiles(IEnumerable<string> paths, IReadOnlyDictionary<string, string> texts)
    {
        Paths = paths.ToHashSet(StringComparer.Ordinal);
        Texts = texts;
        Directories = new HashSet<string>(StringComparer.Ordinal) { "" };
        foreach (var path in Paths)
        {
            for (var dir = Dir(path); dir.Length > 0 && Directories.Add(dir); dir = Dir(dir))
            {
            }
        }
    }

    /// <summary>Every file of the source.</summary>
    public HashSet<string> Paths { get; }

    /// <summary>Every directory of the source ("" is the root).</summary>
    public HashSet<string> Directories { get; }

    /// <summary>Path → text of the files read, in ordinal order of path.</summary>
    public IReadOnlyDictionary<string, string> Texts { get; }

    /// <summary>The texts whose path matches <paramref name="name"/> (a predicate on the file name), in path order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Named(Func<string, bool> name) =>
        Texts.Where(t => name(Path.GetFileName(t.Key))).OrderBy(t => t.Key, StringComparer.Ordinal);

    /// <summary>Whether the repository describes itself through this file (see the class summary).</summary>
    public static bool IsRead(string path)
    {
        if (Excluded.Any(e => path.StartsWith(e, StringComparison.Ordinal) || path.Contains("/" + e, StringComparison.Ordinal)))
        {
            return false;
        }
        var name = Path.GetFileName(path);
        var lower = name.ToLowerInvariant();
        var dir = Dir(path);
        return lower is "package.json" or "pyproject.toml" or "setup.cfg" or "setup.py" or "cargo.toml" or "go.mod" or "go.work"
                   or "pom.xml" or "build.gradle" or "build.gradle.kts" or "settings.gradle" or "settings.gradle.kts" or "project.json"
                   or "procfile" or "makefile" or "gnumakefile" or "justfile" or "tox.ini" or "noxfile.py" or ".flaskenv" or "manage.py"
                   or "pnpm-workspace.yaml" or "lerna.json" or "nx.json" or "turbo.json" or ".gitlab-ci.yml" or "azure-pipelines.yml"
                   or "app.yaml" or "fly.toml" or "nixpacks.toml" or "railway.json" or "vercel.json" or "netlify.toml"
               || lower.EndsWith(".csproj", StringComparison.Ordinal) || lower.EndsWith(".fsproj", StringComparison.Ordinal)
               || lower.EndsWith(".sln", StringComparison.Ordinal) || lower.EndsWith(".slnx", StringComparison.Ordinal)
               || (lower.StartsWith("uwsgi", StringComparison.Ordinal) && lower.EndsWith(".ini", StringComparison.Ordinal))
               || lower.EndsWith(".prisma", StringComparison.Ordinal) || lower.EndsWith(".kt", StringComparison.Ordinal)
               || lower == "dockerfile" || lower.StartsWith("dockerfile.", StringComparison.Ordinal) || lower.EndsWith(".dockerfile", StringComparison.Ordinal)
               || ((lower.StartsWith("docker-compose", StringComparison.Ordinal) || lower.StartsWith("compose", StringComparison.Ordinal))
                   && (lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal)))
               || lower.StartsWith("readme", StringComparison.Ordinal) && (lower.Length == 6 || lower[6] == '.')
               || lower == ".env" || lower.StartsWith(".env.", StringComparison.Ordinal) || lower.EndsWith(".env", StringComparison.Ordinal)
               || lower.StartsWith("env-example", StringComparison.Ordinal) || lower.StartsWith("env.example", StringComparison.Ordinal)
               || (lower.StartsWith("appsettings", StringComparison.Ordinal) && lower.EndsWith(".json", StringComparison.Ordinal))
               || (lower.StartsWith("application", StringComparison.Ordinal) || lower.StartsWith("bootstrap", StringComparison.Ordinal))
                   && (lower.EndsWith(".properties", StringComparison.Ordinal) || lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal))
               || (dir.EndsWith(".github/workflows", StringComparison.Ordinal) && (lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal)));
    }

    /// <summary>Reads the repository's describing files from the snapshot.</summary>
    public static async Task<RepoFiles> ReadAsync(ISourceTree source, CancellationToken cancellationToken)
    {
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in source.Files.Where(f => f.Size <= MaxBytes && IsRead(f.Path)))
        {
            var stream = await source.OpenReadAsync(file, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream, new UTF8Encoding(false, false));
                var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                // Kotlin sources are many and only their entry points matter here.
                if (!file.Path.EndsWith(".kt", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("fun main", StringComparison.Ordinal) || text.Contains("SpringBootApplication", StringComparison.Ordinal))
                {
                    texts[file.Path] = text;
                }
            }
        }
        return new RepoFiles(source.Files.Select(f => f.Path), texts);
    }

    /// <summary>The directory of a path ("" at the root).</summary>
    public static string Dir(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary><paramref name="path"/> relative to <paramref name="dir"/> joined and normalised (<c>..</c> and <c>.</c>
    /// resolved); null when it leaves the root.</summary>
    public static string? Join(string dir, string path)
    {
        var parts = new List<string>();
        foreach (var part in (dir.Length == 0 ? path : dir + "/" + path).Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
