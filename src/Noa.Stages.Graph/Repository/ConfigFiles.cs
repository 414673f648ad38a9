using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Noa.Yaml;

namespace Noa.Stages.Graph.Repository;

/// <summary>A setting a file declares: an environment variable or a configuration key, with its type and default
/// where the file shows them.</summary>
/// <param name="Kind"><c>env</c> or <c>config</c>.</param>
/// <param name="Name">The variable (<c>DATABASE_URL</c>) or key (<c>spring.datasource.url</c>, <c>ConnectionStrings:Default</c>).</param>
/// <param name="Type">string, integer, number, boolean, list, or the code's own type; null when not shown.</param>
/// <param name="Default">The value the file gives (raw text); null when none.</param>
/// <param name="File">Where.</param>
/// <param name="Line">Its line.</param>
/// <param name="Source">What declares it: <c>.env.example</c>, <c>application.properties</c>, <c>appsettings.json</c>, <c>prisma</c> …</param>
internal sealed record ConfigDeclaration(string Kind, string Name, string? Type, string? Default, string File, int Line, string Source);

/// <summary>
/// The settings declared outside the code: dotenv files (<c>.env</c>, <c>.env.example</c>, <c>.env.sample</c> …),
/// Spring's <c>application*.properties</c>/<c>application*.yml</c> (and the environment variables their
/// <c>${VAR:default}</c> placeholders read), .NET's <c>appsettings*.json</c> (keys joined by <c>:</c>) and Prisma's
/// <c>env("VAR")</c>. A file that does not parse adds nothing and is reported.
/// </summary>
internal static partial class ConfigFiles
{
    public static (List<ConfigDeclaration> Declarations, List<string> Problems) Read(RepoFiles repo)
    {
        var found = new List<ConfigDeclaration>();
        var problems = new List<string>();
        foreach (var (path, text) in repo.Texts)
        {
            var name = Path.GetFileName(path);
            var lower = name.ToLowerInvariant();
            try
            {
                if (lower == ".env" || lower.StartsWith(".env.", StringComparison.Ordinal) || lower.EndsWith(".env", StringComparison.Ordinal)
                    || lower.StartsWith("env-example", StringComparison.Ordinal) || lower.StartsWith("env.example", StringComparison.Ordinal))
                {
                    found.AddRange(Dotenv(path, name, text));
                }
                else if ((lower.StartsWith("application", StringComparison.Ordinal) || lower.StartsWith("bootstrap", StringComparison.Ordinal)) && lower.EndsWith(".properties", StringComparison.Ordinal))
                {
                    found.AddRange(Properties(path, name, text));
                }
                else if ((lower.StartsWith("application", StringComparison.Ordinal) || lower.StartsWith("bootstrap", StringComparison.Ordinal)) && (lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal)))
                {
                    found.AddRange(SpringYaml(path, name, text));
                }
                else if (lower.StartsWith("appsettings", StringComparison.Ordinal) && lower.EndsWith(".json", StringComparison.Ordinal))
                {
                    found.AddRange(AppSettings(path, name, text));
                }
                else if (lower.EndsWith(".prisma", StringComparison.Ordinal))
                {
                    found.AddRange(PrismaEnv().Matches(text).Select(m => new ConfigDeclaration("env", m.Groups[1].Value, "string", null, path, CommandLines.LineOf(text, m.Index), "prisma")));
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                problems.Add($"{path}: {e.Message.Split('\n')[0]}");
            }
        }
        return (found, problems);
    }

    private static IEnumerable<ConfigDeclaration> Dotenv(string path, string name, string text)
    {
        foreach (var (line, raw) in Lines(text))
        {
            var m = DotenvLine().Match(raw);
            if (!m.Success)
            {
                continue;
            }
            var value = m.Groups[2].Value.Trim();
            if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
            {
                value = value[1..^1];
            }
            else if (value.IndexOf(" #", StringComparison.Ordinal) is > 0 and var comment)
            {
                value = value[..comment].TrimEnd();
            }
            yield return new ConfigDeclaration("env", m.Groups[1].Value, TypeOf(value), value, path, line, name);
        }
    }

    private static IEnumerable<ConfigDeclaration> Properties(string path, string name, string text)
    {
        foreach (var (line, raw) in Lines(text))
        {
            var trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or '!')
            {
                continue;
            }
            var separator = trimmed.IndexOfAny(['=', ':']);
            if (separator <= 0)
            {
                continue;
            }
            var key = trimmed[..separator].Trim();
            var value = trimmed[(separator + 1)..].Trim();
            foreach (var d in Spring(key, value, path, line, name))
            {
                yield return d;
            }
        }
    }

    private static IEnumerable<ConfigDeclaration> SpringYaml(string path, string name, string text)
    {
        // Several documents (`---`) are profiles of the same keys: each is flattened.
        foreach (var document in Documents(text))
        {
            var from = 0;
            foreach (var (key, value) in Flatten(CommandLines.Yaml(path, document), "", "."))
            {
                var leaf = key[(key.LastIndexOf('.') + 1)..];
                var at = text.IndexOf(leaf + ":", from, StringComparison.Ordinal);
                if (at >= 0)
                {
                    from = at;
                }
                foreach (var d in Spring(key, value, path, at < 0 ? 1 : CommandLines.LineOf(text, at), name))
                {
                    yield return d;
                }
            }
        }
    }

    // A Spring key, and the environment variables its ${VAR:default} placeholders read.
    private static IEnumerable<ConfigDeclaration> Spring(string key, string value, string path, int line, string source)
    {
        yield return new ConfigDeclaration("config", key, TypeOf(value), value, path, line, source);
        foreach (Match m in Placeholder().Matches(value))
        {
            var variable = m.Groups[1].Value;
            if (EnvName().IsMatch(variable))
            {
                var fallback = m.Groups[2].Success ? m.Groups[2].Value : null;
                yield return new ConfigDeclaration("env", variable, fallback is null ? null : TypeOf(fallback), fallback, path, line, source);
            }
        }
    }

    private static IEnumerable<ConfigDeclaration> AppSettings(string path, string name, string text)
    {
        var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var from = 0;
        foreach (var (key, value) in Flatten(root, "", ":"))
        {
            var leaf = key[(key.LastIndexOf(':') + 1)..];
            var at = text.IndexOf("\"" + leaf + "\"", from, StringComparison.Ordinal);
            if (at >= 0)
            {
                from = at;
            }
            yield return new ConfigDeclaration("config", key, TypeOf(value), value, path, at < 0 ? 1 : CommandLines.LineOf(text, at), name);
        }
    }

    /// <summary>Leaf keys of a JSON/YAML tree joined by <paramref name="separator"/>, with their scalar text.</summary>
    internal static IEnumerable<(string Key, string Value)> Flatten(JsonNode? node, string prefix, string separator)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    foreach (var leaf in Flatten(v, prefix.Length == 0 ? k : prefix + separator + k, separator))
                    {
                        yield return leaf;
                    }
                }
                break;
            case JsonArray a when a.All(x => x is JsonValue):
                if (prefix.Length > 0)
                {
                    yield return (prefix, string.Join(",", a.Select(x => x?.ToString())));
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var leaf in Flatten(a[i], prefix + separator + i.ToString(System.Globalization.CultureInfo.InvariantCulture), separator))
                    {
                        yield return leaf;
                    }
                }
                break;
            case JsonValue v when prefix.Length > 0:
                yield return (prefix, v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString());
                break;
            case null when prefix.Length > 0:
                yield return (prefix, "");
                break;
        }
    }

    /// <summary>The type a literal value shows: integer, number, boolean, or string.</summary>
    internal static string TypeOf(string value) =>
        long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _) ? "integer"
        : double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) ? "number"
        : value is "true" or "false" or "True" or "False" ? "boolean" : "string";

    private static IEnumerable<string> Documents(string text) => DocumentSeparator().Split(text).Where(d => d.Trim().Length > 0);

    private static IEnumerable<(int Line, string Text)> Lines(string text) => text.ReplaceLineEndings("\n").Split('\n').Select((t, i) => (i + 1, t));

    [GeneratedRegex(@"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$")]
    private static partial Regex DotenvLine();

    [GeneratedRegex(@"\$\{([^:}]+)(?::([^}]*))?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex(@"\benv\(\s*""([^""]+)""\s*\)")]
    private static partial Regex PrismaEnv();

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}
