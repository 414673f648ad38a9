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

    private static string? Scope(IReadOnlyDictionary<string, string> scopes, string where)
    {
        var colon = where.LastIndexOf(':');
        var path = colon > 0 && int.TryParse(where.AsSpan(colon + 1), out _) ? where[..colon] : where;
        return scopes.TryGetValue(path, out var scope) ? scope : null;
    }

    private static readonly HashSet<string> SystemVariables = new(StringComparer.Ordinal)
    {
        "HOME", "PATH", "PWD", "OLDPWD", "USER", "USERNAME", "LOGNAME", "SHELL", "TMPDIR", "TEMP", "TMP", "HOSTNAME", "LANG", "TERM",
        "USERPROFILE", "APPDATA", "LOCALAPPDATA", "HOMEPATH", "HOMEDRIVE", "SystemRoot", "windir", "ComSpec",
    };

    [GeneratedRegex(@"\.(?:[cm]?js|ts)$")]
    private static partial Regex ScriptFile();

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
