using System.Text.RegularExpressions;
using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Build;

// The config surface beyond the reads the queries capture: settings declared in files (dotenv, Spring properties and
// YAML with their ${VAR:default} placeholders, appsettings.json, Prisma's env()), pydantic BaseSettings fields (one
// environment variable each, with the env_prefix), Spring @ConfigurationProperties classes and @Value("${a.b:def}")
// defaults, and .NET options bound to a section (Configure<T>(GetSection("X")): one key per property of T). Each env or
// config node gets its type, default, what declares it and where (`declared`); a name that looks like a secret keeps
// no default (`secret`).
internal sealed partial class GraphBuilder
{
    private void AddConfigSurface()
    {
        foreach (var d in _repo.Declarations)
        {
            Declare(d.Kind, d.Name, d.Type, d.Default, $"{d.File}:{d.Line}", d.Source);
        }
        for (var f = 0; f < _files.Count; f++)
        {
            switch (_files[f].Spec.Id)
            {
                case "python":
                    PydanticSettings(f);
                    break;
                case "java":
                    ConfigurationProperties(f);
                    break;
                case "csharp":
                    BoundOptions(f);
                    break;
            }
        }
    }

    /// <summary>`${a.b:default}` (Spring's @Value) → the key and its default.</summary>
    internal static (string Key, string? Default) ConfigKey(string value)
    {
        var m = SpringPlaceholder().Match(value);
        return m.Success ? (m.Groups[1].Value.Trim(), m.Groups[2].Success ? m.Groups[2].Value : null) : (value, null);
    }

    private string Declare(string kind, string name, string? type, string? value, string where, string source)
    {
        var id = SurfaceNode(kind, name, kind == "env" ? "environment variable" : "configuration key", null);
        var properties = _nodes[id].Properties!;
        if (type is not null)
        {
            properties.TryAdd("type", type);
        }
        if (IsSecret(name, value))
        {
            properties["secret"] = "true";
        }
        else if (value is not null)
        {
            properties.TryAdd("default", value.Length > 200 ? value[..200] : value);
        }
        Append(properties, "declared", where, 20);
        Append(properties, "source", source, 5);
        if (kind == "config" && name.Contains(':', StringComparison.Ordinal))
        {
            properties.TryAdd("env", name.Replace(":", "__", StringComparison.Ordinal)); // .NET: A:B is read from A__B too
        }
        return id;
    }

    /// <summary>A setting whose value is a credential: by its name (SECRET_KEY, db.password, ApiKey, but not
    /// TOKEN_EXPIRE_MINUTES), or by a value that embeds one (a connection string with Password=).</summary>
    internal static bool IsSecret(string name, string? value) =>
        (Secret().IsMatch(name) && !NotSecret().IsMatch(name)) || (value is not null && SecretInValue().IsMatch(value));

    private static void Append(SortedDictionary<string, string> properties, string key, string value, int max)
    {
        var list = properties.TryGetValue(key, out var existing) ? existing.Split(", ").ToList() : [];
        if (!list.Contains(value) && list.Count < max)
        {
            list.Add(value);
            properties[key] = string.Join(", ", list);
        }
    }

    // pydantic-settings: every field of a BaseSettings class (directly or through its bases in the source) is read from
    // the environment variable of its name (case-insensitive; upper case is the convention), after env_prefix.
    private void PydanticSettings(int f)
    {
        var facts = _files[f].Facts;
        for (var c = 0; c < facts.Definitions.Count; c++)
        {
            if (facts.Definitions[c].Kind != "class" || !IsSettings(f, c, 0))
            {
                continue;
            }
            var members = facts.Definitions.Select((d, i) => (d, i)).Where(x => x.d.Parent == c).ToList();
            var prefix = members.Select(x => x.d.Signature ?? "").Concat(members.Where(x => x.d.Name == "Config").SelectMany(x => facts.Definitions.Where(d => d.Parent == x.i).Select(d => d.Signature ?? "")))
                .Select(sig => EnvPrefix().Match(sig)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "";
            foreach (var (d, i) in members.Where(x => x.d.Kind is "field" or "constant" && !x.d.Name.StartsWith('_') && x.d.Name != "model_config"))
            {
                var m = PythonField().Match(d.Signature ?? d.Name);
                var type = m.Success && m.Groups[2].Success ? m.Groups[2].Value.Trim() : null;
                var value = m.Success && m.Groups[3].Success ? m.Groups[3].Value.Trim() : null;
                var alias = value is not null && FieldAlias().Match(value) is { Success: true } a ? a.Groups[1].Value : null;
                if (value is not null && FieldDefault().Match(value) is { Success: true } fd)
                {
                    value = fd.Groups[1].Value.Trim();
                }
                else if (value is not null && value.StartsWith("Field(", StringComparison.Ordinal))
                {
                    value = null;
                }
                var env = alias ?? (prefix + d.Name).ToUpperInvariant();
                var id = Declare("env", env, type, value is null ? null : Unquote(value), $"{_files[f].Path}:{d.Range.StartLine}", $"pydantic {facts.Definitions[c].Name}");
                Edge(_defIds[_global[f][i]], id, "READS_CONFIG", Parsed, 0.9, d.Range.StartLine);
            }
        }
    }

    // Whether a class derives from BaseSettings through classes of the source, each class decided once: Django and
    // Wagtail code has thousands of classes whose bases share names (Meta, Page, Model), so a walk without memory grows
    // exponentially with the depth.
    private bool IsSettings(int f, int c, int depth)
    {
        if (_settingsClasses.TryGetValue((f, c), out var known))
        {
            return known;
        }
        _settingsClasses[(f, c)] = false; // a cycle of bases ends here
        var result = false;
        foreach (var inherit in _files[f].Facts.Inherits.Where(i => i.Owner == c))
        {
            var (_, name) = SplitQualified(StripType(inherit.Base));
            if (name == "BaseSettings")
            {
                result = true;
                break;
            }
            if (depth >= 6)
            {
                continue;
            }
            foreach (var g in _byName.GetValueOrDefault(name) ?? [])
            {
                var (file, index) = _defs[g];
                if (Def(g).Kind == "class" && _files[file].Spec.Id == "python" && (file, index) != (f, c) && IsSettings(file, index, depth + 1))
                {
                    result = true;
                    break;
                }
            }
            if (result)
            {
                break;
            }
        }
        _settingsClasses[(f, c)] = result;
        return result;
    }

    private readonly Dictionary<(int File, int Class), bool> _settingsClasses = [];

    // Spring Boot: @ConfigurationProperties(prefix = "app.jwt") on a class binds app.jwt.<field> (kebab case) to its fields.
    private void ConfigurationProperties(int f)
    {
        var facts = _files[f].Facts;
        for (var c = 0; c < facts.Definitions.Count; c++)
        {
            var def = facts.Definitions[c];
            if (!def.IsType || def.Signature is null || ConfigurationPrefix().Match(def.Signature) is not { Success: true } m)
            {
                continue;
            }
            var prefix = m.Groups[1].Value;
            for (var i = 0; i < facts.Definitions.Count; i++)
            {
                var field = facts.Definitions[i];
                if (field.Parent != c || field.Kind != "field" || (field.Signature?.Contains("static", StringComparison.Ordinal) ?? false))
                {
                    continue;
                }
                var typed = JavaField().Match(JavaModifiers().Replace(field.Signature ?? "", ""));
                var key = prefix + "." + Kebab(field.Name);
                var id = Declare("config", key, typed.Success ? typed.Groups[1].Value : null, typed.Success && typed.Groups[3].Success ? Unquote(typed.Groups[3].Value.Trim()) : null,
                    $"{_files[f].Path}:{field.Range.StartLine}", $"@ConfigurationProperties {def.Name}");
                Edge(_defIds[_global[f][i]], id, "READS_CONFIG", Parsed, 0.9, field.Range.StartLine);
            }
        }
    }

    // ASP.NET Core options: Configure<T>(GetSection("X")) binds X:<Property> to each settable property of T.
    private void BoundOptions(int f)
    {
        foreach (var s in _files[f].Facts.Surface.Where(s => s.Kind == "options" && s.Handler is not null))
        {
            var owner = s.Owner >= 0 ? _defIds[_global[f][s.Owner]] : _fileIds[f];
            var typeName = SplitQualified(StripType(s.Handler!)).Name;
            var types = (_byName.GetValueOrDefault(typeName) ?? []).Where(g => Def(g).IsType && _files[_defs[g].File].Spec.Id == "csharp").ToList();
            var sectionId = Declare("config", s.Value, typeName, null, $"{_files[f].Path}:{s.Line}", "IOptions section");
            Edge(owner, sectionId, "READS_CONFIG", Parsed, 0.9, s.Line);
            foreach (var g in types.Take(1))
            {
                var (file, index) = _defs[g];
                var defs = _files[file].Facts.Definitions;
                for (var i = 0; i < defs.Count; i++)
                {
                    if (defs[i].Parent != index || defs[i].Kind != "property" || defs[i].Signature is not { } signature || signature.Contains("static", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    var typed = CSharpProperty().Match(signature);
                    var id = Declare("config", $"{s.Value}:{defs[i].Name}", typed.Success ? typed.Groups[1].Value : null,
                        typed.Success && typed.Groups[2].Success ? Unquote(typed.Groups[2].Value.Trim()) : null,
                        $"{_files[file].Path}:{defs[i].Range.StartLine}", $"IOptions {Def(g).Name}");
                    Edge(owner, id, "READS_CONFIG", Parsed, 0.8, s.Line);
                }
            }
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;

    private static string Kebab(string name) => Regex.Replace(name, "(?<=[a-z0-9])([A-Z])", "-$1").ToLowerInvariant();

    [GeneratedRegex(@"^\$\{([^:}]+)(?::([^}]*))?\}$")]
    private static partial Regex SpringPlaceholder();

    [GeneratedRegex(@"(?i)(secret|password|passwd|pwd|(^|[_.\-:])pass$|token|api[_\-]?key|private[_\-]?key|credential|access[_\-]?key|signing[_\-]?key|salt)")]
    private static partial Regex Secret();

    [GeneratedRegex(@"(?i)(expire|expiry|ttl|lifetime|timeout|length|_url$|uri$|host$|port$|name$|user$|algorithm|minutes$|hours$|seconds$|days$|endpoint$|path$|file$|enabled$|header$|type$|prefix$)")]
    private static partial Regex NotSecret();

    [GeneratedRegex(@"(?i)(password|pwd)\s*=\s*[^;${\s]|://[^/:@\s]+:[^@/\s$]+@")]
    private static partial Regex SecretInValue();

    [GeneratedRegex(@"env_prefix\s*=\s*[""']([^""']*)[""']")]
    private static partial Regex EnvPrefix();

    // `NAME: type = default`, `NAME: type`, `NAME = default`.
    [GeneratedRegex(@"^(\w+)\s*(?::\s*([^=]+?))?\s*(?:=\s*(.+))?$")]
    private static partial Regex PythonField();

    [GeneratedRegex(@"(?:validation_alias|alias)\s*=\s*[""']([^""']+)[""']")]
    private static partial Regex FieldAlias();

    [GeneratedRegex(@"^Field\(\s*(?:default\s*=\s*)?([^,)]+)")]
    private static partial Regex FieldDefault();

    [GeneratedRegex(@"@ConfigurationProperties\s*\(\s*(?:(?:prefix|value)\s*=\s*)?""([^""]+)""")]
    private static partial Regex ConfigurationPrefix();

    // `private Duration expiration = Duration.ofHours(1);` → type, name, default.
    [GeneratedRegex(@"(?:^|\s)([\w.<>\[\], ?]+?)\s+(\w+)\s*(?:=\s*([^;]+))?;?\s*$")]
    private static partial Regex JavaField();

    [GeneratedRegex(@"^(?:@[\w.]+(?:\([^)]*\))?\s+|(?:private|public|protected|static|final|transient|volatile)\s+)*")]
    private static partial Regex JavaModifiers();

    // `public string Secret { get; set; } = "x";` → type, default.
    [GeneratedRegex(@"^(?:(?:public|internal|required|virtual|override|new|init)\s+)*([\w.<>\[\],? ]+?)\s+\w+\s*\{[^}]*\}\s*(?:=\s*(.+?);?)?$")]
    private static partial Regex CSharpProperty();
}
