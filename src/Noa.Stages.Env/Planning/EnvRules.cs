using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Abstractions.Profiles;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>Every environment variable the app's product code reads (the graph's env facts), with its default, type and the places
/// it is read; reads only in tests, fixtures or examples are left out. A name that says credential is a secret. The default is the
/// graph's (declared settings); when the graph has none, the literal fallback written at a read site the graph pointed to
/// (<c>os.getenv("PORT", "8000")</c>, <c>process.env.PORT || 4000</c>, <c>getOrDefault("PORT", "8080")</c>). Variables the operating
/// system or the login sets for every process (<c>HOME</c>, <c>PATH</c>, <c>USERPROFILE</c> …) are not the app's configuration and
/// are left out. node-config (npm <c>config</c>) reads the variables its <c>config/custom-environment-variables.json</c> names on the
/// app's behalf (each string leaf, or an object's <c>__name</c>), so those are the app's too, evidence that file's line; so are the names
/// of a table a file reads through <c>process.env[name]</c> (<see cref="TableAsync"/>).</summary>
internal static partial class EnvRules
{
    public static async Task<IReadOnlyList<EnvVariable>> DecideAsync(string root, AppFacts facts, IReadOnlyDictionary<string, string> scopes, SourceText files, CancellationToken ct)
    {
        var result = new List<EnvVariable>();
        foreach (var (name, (node, reads)) in facts.Env)
        {
            if (SystemVariables.Contains(name))
                continue;
            var product = reads.Where(r => Scope(scopes, r) is null or FileScopes.Product).ToList();
            if (product.Count == 0 && reads.Count > 0)
                continue;
            var fallback = GraphFacts.Prop(node, "default");
            foreach (var read in product)
            {
                if (fallback is not null)
                    break;
                fallback = await ReadSiteDefaultAsync(name, read, files, ct).ConfigureAwait(false);
            }
            result.Add(new EnvVariable(name, fallback, GraphFacts.Prop(node, "type"), SecretName().IsMatch(name), product));
        }
        foreach (var variable in (await NodeConfigAsync(root, files, ct).ConfigureAwait(false)).Concat(await TableAsync(root, scopes, files, ct).ConfigureAwait(false)))
        {
            if (!result.Any(v => v.Name == variable.Name) && !SystemVariables.Contains(variable.Name))
                result.Add(variable);
        }
        return [.. result.OrderBy(v => v.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The file the start command runs is the app's program, whatever scope the Classifier gave it (gun's start runs
    /// <c>examples/http.js</c>; peer's bin is a bundle, <c>dist/bin/peerjs.js</c>): the variables it reads join <paramref name="env"/>, each
    /// with its read sites in that file. Those the graph found there when it parsed the file; when it did not (a generated or
    /// vendored file, which Graph Extract skips), the file's <c>process.env</c> reads by their literal shape. Nothing else of that
    /// file's folder is taken: only what runs.
    /// </summary>
    public static async Task<IReadOnlyList<EnvVariable>> WithStartFileAsync(IReadOnlyList<EnvVariable> env, string? startFile, AppFacts facts,
        IReadOnlyDictionary<string, string> scopes, SourceText files, CancellationToken ct)
    {
        if (startFile is null || scopes.GetValueOrDefault(startFile) is null or FileScopes.Product)
            return env; // a product file's reads are in env already
        var added = new SortedDictionary<string, (string? Default, string? Type, List<string> Reads)>(StringComparer.Ordinal);
        if (scopes[startFile] is FileScopes.Generated or FileScopes.Vendored)
        {
            if (await files.ReadAsync(startFile, ct).ConfigureAwait(false) is { } text)
                foreach (Match m in ScriptEnvRead().Matches(text))
                {
                    var name = m.Groups["n"].Value;
                    if (!added.TryGetValue(name, out var entry))
                        added[name] = entry = (null, null, []);
                    if ($"{startFile}:{SourceText.LineOf(text, m.Index)}" is var where && !entry.Reads.Contains(where))
                        entry.Reads.Add(where);
                }
        }
        else
        {
            foreach (var (name, (node, reads)) in facts.Env)
            {
                var here = reads.Where(r => r.StartsWith(startFile + ":", StringComparison.Ordinal)).ToList();
                if (here.Count > 0)
                    added[name] = (GraphFacts.Prop(node, "default"), GraphFacts.Prop(node, "type"), here);
            }
        }
        var result = env.ToList();
        foreach (var (name, (graphDefault, type, reads)) in added)
        {
            if (SystemVariables.Contains(name) || result.Any(v => v.Name == name))
                continue;
            var fallback = graphDefault;
            foreach (var read in reads)
                fallback ??= await ReadSiteDefaultAsync(name, read, files, ct).ConfigureAwait(false);
            result.Add(new EnvVariable(name, fallback, type, SecretName().IsMatch(name), reads));
        }
        return [.. result.OrderBy(v => v.Name, StringComparer.Ordinal)];
    }

    /// <summary>The file a start command runs, relative to the repository: <c>node [flags] FILE</c>, <c>python3 FILE.py</c>, or
    /// package.json's start script's when the start is <c>npm start</c>; null for any other command.</summary>
    public static string? StartFileOf(string root, string? command, string? packageJson)
    {
        if (command is not null && NodeRules.IsNpmStart(command))
            command = NodeRules.Script(packageJson, "start");
        if (command is null)
            return null;
        var file = PortRules.NodeStartFileOf(command) ?? (PythonStartFile().Match(command) is { Success: true } py ? py.Groups["f"].Value : null);
        return file is null ? null : SourceText.Join(root, file.StartsWith("./", StringComparison.Ordinal) ? file[2..] : file);
    }

    /// <summary>
    /// Of a Go module with several main packages, what is read below another main package's folder is that program's (etcd's
    /// <c>etcdctl/</c>, alertmanager's <c>cmd/amtool</c>: a client beside the server), not the app's: a variable read only there is
    /// left out, and those reads leave the evidence of the others. A folder that holds the app's main package or is above it is
    /// never another program's. <paramref name="main"/> is the app's main package folder (<see cref="GoMainRule"/>'s choice),
    /// <paramref name="mains"/> every main package folder the graph found, before that rule dropped any.
    /// </summary>
    public static IReadOnlyList<EnvVariable> WithoutOtherPrograms(IReadOnlyList<EnvVariable> env, string? main, IEnumerable<string> mains)
    {
        if (main is null)
            return env;
        var others = mains.Where(m => m != main && !Below(main, m)).Distinct(StringComparer.Ordinal).ToList();
        if (others.Count == 0)
            return env;
        var result = new List<EnvVariable>();
        foreach (var variable in env)
        {
            var kept = variable.Evidence.Where(e => !others.Any(o => Below(PathOf(e), o))).ToList();
            if (kept.Count > 0 || variable.Evidence.Count == 0)
                result.Add(variable with { Evidence = kept });
        }
        return result;

        static bool Below(string path, string folder) => folder.Length == 0 || path.StartsWith(folder + "/", StringComparison.Ordinal);
    }

    public const string NodeConfigFile = "config/custom-environment-variables.json";

    /// <summary>The variables node-config's mapping file names (<see cref="NodeConfigFile"/> in the app's folder), or none.</summary>
    private static async Task<IEnumerable<EnvVariable>> NodeConfigAsync(string root, SourceText files, CancellationToken ct)
    {
        var path = SourceText.Join(root, NodeConfigFile);
        if (await files.ReadAsync(path, ct).ConfigureAwait(false) is not { } text)
            return [];
        JsonNode? mapping;
        try
        {
            mapping = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return [];
        }
        var names = new List<string>();
        Collect(mapping, names);
        return names.Where(n => VariableName().IsMatch(n)).Distinct(StringComparer.Ordinal).Select(n =>
            new EnvVariable(n, null, null, SecretName().IsMatch(n), [$"{path}:{SourceText.LineOf(text, Math.Max(0, text.IndexOf($"\"{n}\"", StringComparison.Ordinal)))}"]));

        static void Collect(JsonNode? node, List<string> names)
        {
            switch (node)
            {
                case JsonValue value when value.TryGetValue<string>(out var name):
                    names.Add(name);
                    break;
                case JsonObject named when named["__name"] is JsonValue value && value.TryGetValue<string>(out var name):
                    names.Add(name);
                    break;
                case JsonObject keys:
                    foreach (var (_, child) in keys)
                        Collect(child, names);
                    break;
            }
        }
    }

    /// <summary>
    /// The variables a product file reads through a table: it reads <c>process.env[name]</c> with a name it does not spell
    /// (<c>process.env[envVariable]</c>), and the names are the upper-case literals of that file (<c>['--web', 'MAILDEV_WEB_PORT', …]</c>,
    /// at least one underscore, so <c>'GET'</c> is none). Evidence is the literal's line; the default is the last element of its row
    /// when that is a literal without spaces (a description is none).
    /// </summary>
    private static async Task<IEnumerable<EnvVariable>> TableAsync(string root, IReadOnlyDictionary<string, string> scopes, SourceText files, CancellationToken ct)
    {
        var prefix = root == "." ? "" : root + "/";
        var result = new List<EnvVariable>();
        foreach (var path in scopes.Where(s => s.Value == FileScopes.Product && s.Key.StartsWith(prefix, StringComparison.Ordinal) && ScriptFile().IsMatch(s.Key))
                     .Select(s => s.Key).Order(StringComparer.Ordinal))
        {
            if (await files.ReadAsync(path, ct).ConfigureAwait(false) is not { } text || !DynamicRead().IsMatch(text))
                continue;
            foreach (Match m in TableName().Matches(text))
            {
                var name = m.Groups["n"].Value;
                if (result.Any(v => v.Name == name))
                    continue;
                var end = text.IndexOf('\n', m.Index);
                var rest = text[(m.Index + m.Length)..(end < 0 ? text.Length : end)];
                var fallback = RowDefault().Match(rest) is { Success: true } d ? d.Groups["d"].Value : null;
                result.Add(new EnvVariable(name, fallback, null, SecretName().IsMatch(name), [$"{path}:{SourceText.LineOf(text, m.Index)}"]));
            }
        }
        return result;
    }

    private static async Task<string?> ReadSiteDefaultAsync(string name, string where, SourceText files, CancellationToken ct)
    {
        var colon = where.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(where.AsSpan(colon + 1), out var line) || await files.ReadAsync(where[..colon], ct).ConfigureAwait(false) is not { } text)
            return null;
        var lines = text.Split('\n');
        if (line < 1 || line > lines.Length)
            return null;
        var source = lines[line - 1];
        var n = Regex.Escape(name);
        foreach (var pattern in new[]
                 {
                     $@"(getenv|environ\.get|env\.get|getOrDefault|GetEnvironmentVariable)\(\s*[""']{n}[""']\s*,\s*(?<d>""[^""]*""|'[^']*'|[\w.-]+)\s*\)",
                     // process.env.PORT || process.env.OTHER_PORT || 8080: the literal at the end of a chain of fallbacks
                     $@"env(\.{n}|\[\s*[""']{n}[""']\s*\])\s*((\|\||\?\?)\s*(process\.)?env(\.\w+|\[\s*[""']\w+[""']\s*\])\s*)*(\|\||\?\?)\s*(?<d>""[^""]*""|'[^']*'|`[^`$]*`|[\w.-]+)",
                 })
        {
            if (Regex.Match(source, pattern) is { Success: true } m)
            {
                var value = m.Groups["d"].Value;
                return value.Length >= 2 && value[0] is '"' or '\'' or '`' ? value[1..^1] : value is "None" or "null" or "undefined" ? null : value;
            }
        }
        return null;
    }

    private static string? Scope(IReadOnlyDictionary<string, string> scopes, string where) => scopes.TryGetValue(PathOf(where), out var scope) ? scope : null;

    /// <summary>The file of a read site (<c>path:line</c> → path).</summary>
    private static string PathOf(string where) => where.LastIndexOf(':') is var colon and > 0 && int.TryParse(where.AsSpan(colon + 1), out _) ? where[..colon] : where;

    private static readonly HashSet<string> SystemVariables = new(StringComparer.Ordinal)
    {
        "HOME", "PATH", "PWD", "OLDPWD", "USER", "USERNAME", "LOGNAME", "SHELL", "TMPDIR", "TEMP", "TMP", "HOSTNAME", "LANG", "TERM",
        "USERPROFILE", "APPDATA", "LOCALAPPDATA", "HOMEPATH", "HOMEDRIVE", "SystemRoot", "windir", "ComSpec",
    };

    [GeneratedRegex(@"\.(?:[cm]?js|ts)$")]
    private static partial Regex ScriptFile();

    // process.env.NAME, process.env["NAME"], (process.env || {}).NAME: a read in a script the graph did not parse (a bundle).
    [GeneratedRegex(@"process\.env(?:\.(?<n>[A-Za-z_][A-Za-z0-9_]*)\b|\[\s*[""'](?<n>[A-Za-z_][A-Za-z0-9_]*)[""']\s*\])|\(\s*process\.env\s*(?:\|\||\?\?)[^()]{0,20}\)\.(?<n>[A-Za-z_][A-Za-z0-9_]*)\b")]
    private static partial Regex ScriptEnvRead();

    // `python FILE.py`, `python3 ./FILE.py`: the file the start runs.
    [GeneratedRegex(@"^python3?\s+(?:\./)?(?<f>[\w./-]+\.py)(\s|$)")]
    private static partial Regex PythonStartFile();

    // process.env[name] with a name the code holds in a variable, not a literal.
    [GeneratedRegex(@"process\.env\[\s*[A-Za-z_$][\w$]*\s*\]")]
    private static partial Regex DynamicRead();

    [GeneratedRegex(@"(?<q>['""])(?<n>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\k<q>")]
    private static partial Regex TableName();

    // The rest of a table row after the name: its last element, when a literal without spaces, then the row's end.
    [GeneratedRegex(@",\s*(?:['""](?<d>[^\s'""]+)['""]|(?<d>-?\d+(?:\.\d+)?|true|false))\s*\]\s*,?\s*$")]
    private static partial Regex RowDefault();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?|ACCESS_KEY|DSN)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
