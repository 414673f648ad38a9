using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Abstractions.Profiles;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// Where a Node or Python server writes at run time, read from its product code (and the file its start runs, whatever that file's
/// scope): a folder under its working folder that the source does not hold, created by a literal <c>mkdir</c> (<c>fs.mkdirSync('data')</c>,
/// <c>os.makedirs("uploads")</c>) or the literal default of a file or folder option (gun's <c>opt.file || 'radata'</c>), is a data
/// folder; a file that reads the home (<c>process.env.HOME</c>, <c>os.homedir()</c>, <c>XDG_CONFIG_HOME</c>, <c>Path.home()</c>,
/// <c>expanduser("~")</c>) and writes files writes under <c>HOME</c> (verdaccio creates <c>~/.config/verdaccio/config.yaml</c>).
/// A folder the source holds is content, not state; a name such as <c>public</c> or <c>dist</c> is read, not written.
/// </summary>
internal static partial class StateRule
{
    public const string Home = "/home/app";
    private const int MaxFiles = 3000;

    private static readonly HashSet<string> ReadFolders = new(StringComparer.Ordinal)
    {
        "node_modules", "public", "static", "dist", "build", "lib", "src", "views", "templates", "assets", "www", "tmp", "temp", "test", "tests",
    };

    /// <summary>The folders the app writes, data folders first, sorted; empty when no rule found a write.</summary>
    public static async Task<IReadOnlyList<StateFolder>> DecideAsync(string root, string toolchain, string workDir, string? startFile,
        IReadOnlyDictionary<string, string> scopes, SourceText files, CancellationToken ct)
    {
        var (extensions, data, defaults, home, writes) = toolchain switch
        {
            "node" => ((string[])[".js", ".cjs", ".mjs", ".ts"], JsMkdir(), JsOptionDefault(), JsHome(), JsWrite()),
            "python" => ([".py"], PyMkdir(), null, PyHome(), PyWrite()),
            _ => ([], null!, null, null!, null!),
        };
        if (extensions.Length == 0)
            return [];
        var prefix = root == "." ? "" : root + "/";
        var candidates = files.Paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && extensions.Any(e => p.EndsWith(e, StringComparison.Ordinal))
                && !p.EndsWith(".d.ts", StringComparison.Ordinal) && !p.EndsWith(".min.js", StringComparison.Ordinal) && !p.Contains("node_modules/", StringComparison.Ordinal)
                && (p == startFile || !scopes.TryGetValue(p, out var scope) || scope is FileScopes.Product or FileScopes.Generated))
            .Order(StringComparer.Ordinal).Take(MaxFiles);
        var folders = new SortedDictionary<string, (string Rule, List<string> Evidence)>(StringComparer.Ordinal);
        (string Read, string Write)? homeWrite = null;
        foreach (var path in candidates)
        {
            if (await files.ReadAsync(path, ct).ConfigureAwait(false) is not { } text)
                continue;
            foreach (var (regex, how) in new[] { (data, "created with a literal mkdir"), (defaults, "the literal default of a file or folder option") })
            {
                if (regex is null)
                    continue;
                foreach (Match m in regex.Matches(text))
                {
                    var name = m.Groups["p"].Value;
                    if (ReadFolders.Contains(name) || files.Paths.Any(p => p.StartsWith(prefix + name + "/", StringComparison.Ordinal)))
                        continue;
                    if (!folders.TryGetValue(name, out var found))
                        folders[name] = found = ($"state.data-folder: ./{name}, {how}, is not in the source: the server creates it under its working folder", []);
                    if (found.Evidence.Count < 3)
                        found.Evidence.Add($"{path}:{SourceText.LineOf(text, m.Index)}");
                }
            }
            if (homeWrite is null && home.Match(text) is { Success: true } read && writes.Match(text) is { Success: true } write)
                homeWrite = ($"{path}:{SourceText.LineOf(text, read.Index)}", $"{path}:{SourceText.LineOf(text, write.Index)}");
        }
        var state = folders.Select(f => new StateFolder($"{workDir}/{f.Key}", StateFolder.Data, f.Value.Rule, f.Value.Evidence)).ToList();
        if (homeWrite is { } h)
            state.Add(new StateFolder(Home, StateFolder.Home,
                $"state.home: {h.Read} reads the home folder and the same file writes files ({h.Write}): the image's HOME ({Home}, with its XDG folders) is the app user's, and its root file system is not read-only",
                [h.Read, h.Write]));
        return state;
    }

    // fs.mkdirSync('data'), mkdirp('./uploads'), fs.promises.mkdir("db", …), fse.ensureDirSync('store')
    [GeneratedRegex(@"\b(?:mkdirSync|mkdir|mkdirp(?:\.sync)?|mkdirpSync|ensureDirSync|ensureDir)\s*\(\s*['""`](?:\./)?(?<p>[A-Za-z0-9_][\w-]*)/?['""`]")]
    private static partial Regex JsMkdir();

    // opt.file || 'radata', options.dir || "./data"
    [GeneratedRegex(@"[.\s(](?:file|dir|folder|directory|storage|dataDir|dataPath)\s*\|\|\s*['""](?:\./)?(?<p>[A-Za-z_][\w-]*)['""]")]
    private static partial Regex JsOptionDefault();

    [GeneratedRegex(@"process\.env\.(?:HOME|USERPROFILE)\b|\bhomedir\(\)|XDG_(?:CONFIG|DATA|STATE|CACHE)_HOME")]
    private static partial Regex JsHome();

    [GeneratedRegex(@"\b(?:writeFileSync|writeFile|mkdirSync|mkdirp|ensureDirSync|ensureDir|outputFileSync|copySync)\s*\(")]
    private static partial Regex JsWrite();

    // os.makedirs("uploads"), os.mkdir('./data'), Path("db").mkdir(
    [GeneratedRegex(@"(?:\bos\.makedirs|\bos\.mkdir)\(\s*['""](?:\./)?(?<p>[A-Za-z0-9_][\w-]*)/?['""]|\bPath\(\s*['""](?:\./)?(?<p>[A-Za-z0-9_][\w-]*)/?['""]\s*\)\.mkdir\(")]
    private static partial Regex PyMkdir();

    [GeneratedRegex(@"\bPath\.home\(\)|expanduser\(\s*['""]~|environ(?:\.get\(|\[)\s*['""]HOME['""]|XDG_(?:CONFIG|DATA|STATE|CACHE)_HOME")]
    private static partial Regex PyHome();

    [GeneratedRegex(@"\bopen\([^)\n]*['""][wa]b?\+?['""]|\bos\.makedirs\(|\.mkdir\(|\.write_text\(|\.write_bytes\(")]
    private static partial Regex PyWrite();
}
