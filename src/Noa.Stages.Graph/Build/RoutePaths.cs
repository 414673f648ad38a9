using System.Text;
using System.Text.RegularExpressions;

namespace Noa.Stages.Graph.Build;

/// <summary>Route text: joining prefixes, the OpenAPI spelling of parameters, ASP.NET's route tokens and conventional
/// templates, and which declared types a framework binds from the query string.</summary>
internal static partial class RoutePaths
{
    /// <summary>A prefix and a route joined with one slash between (an empty route is the prefix itself).</summary>
    public static string Join(string prefix, string route)
    {
        if (route.Length == 0)
        {
            return prefix;
        }
        if (prefix.Length == 0)
        {
            return route;
        }
        return prefix.TrimEnd('/') + "/" + route.TrimStart('/');
    }

    /// <summary>A full path: a leading slash, no doubled slashes (a trailing slash is kept: frameworks tell them apart).</summary>
    public static string Normalize(string path)
    {
        var p = path.Trim();
        if (p.StartsWith("~/", StringComparison.Ordinal))
        {
            p = p[1..];
        }
        if (!p.StartsWith('/'))
        {
            p = "/" + p;
        }
        return DoubleSlash().Replace(p, "/");
    }

    /// <summary>The OpenAPI path template of a route and its path parameters' names, in order: <c>:id</c>,
    /// <c>&lt;int:id&gt;</c>, <c>{id:int}</c>, <c>{id?}</c>, <c>{*rest}</c>, <c>*path</c> all become <c>{name}</c> (a bare
    /// <c>*</c> is <c>{path}</c>).</summary>
    public static (string Path, List<string> Parameters) OpenApi(string route)
    {
        var names = new List<string>();
        var sb = new StringBuilder();
        foreach (var (segment, index) in route.Split('/').Select((s, i) => (s, i)))
        {
            if (index > 0)
            {
                sb.Append('/');
            }
            sb.Append(Segment(segment, names));
        }
        return (sb.ToString(), names);
    }

    private static string Segment(string segment, List<string> names)
    {
        string Name(string raw)
        {
            var n = raw.TrimStart('*').TrimEnd('?');
            var cut = n.IndexOfAny([':', '=']);
            n = cut >= 0 ? n[..cut] : n;
            n = n.Length == 0 ? "path" : n;
            names.Add(n);
            return "{" + n + "}";
        }
        if (segment.StartsWith(':') && segment.Length > 1)
        {
            var end = 1;
            while (end < segment.Length && (char.IsLetterOrDigit(segment[end]) || segment[end] == '_'))
            {
                end++;
            }
            return Name(segment[1..end]) + (end < segment.Length && segment[end] == '?' ? "" : segment[end..]);
        }
        if (segment.StartsWith('*'))
        {
            return Name(segment[1..]);
        }
        var s = Braces().Replace(segment, m => Name(m.Groups[1].Value));
        return Angles().Replace(s, m => Name(m.Groups[1].Value.Contains(':', StringComparison.Ordinal) ? m.Groups[1].Value[(m.Groups[1].Value.LastIndexOf(':') + 1)..] : m.Groups[1].Value));
    }

    /// <summary>ASP.NET attribute-route tokens replaced: [controller], [action], [area] (and their transformed spelling
    /// when a RouteTokenTransformerConvention applies).</summary>
    public static string Tokens(string template, string controller, string action, Func<string, string> transform) =>
        template.Replace("[controller]", transform(controller), StringComparison.OrdinalIgnoreCase)
            .Replace("[action]", transform(action), StringComparison.OrdinalIgnoreCase);

    /// <summary>A conventional route template for one action: <c>{controller=Home}/{action=Index}/{id?}</c> gives
    /// <c>/Account/Login</c> (optional and catch-all parameters left out; a token with a transformer constraint such as
    /// <c>{controller:slugify}</c> transformed).</summary>
    public static string? Conventional(string template, string controller, string action, Func<string, string>? transform)
    {
        var parts = new List<string>();
        foreach (var segment in template.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var m = Braces().Match(segment);
            if (!m.Success || m.Value != segment)
            {
                parts.Add(segment);
                continue;
            }
            var inner = m.Groups[1].Value;
            var name = inner.Split(':', '=', '?')[0].TrimStart('*');
            var constrained = inner.Contains(':', StringComparison.Ordinal);
            string Apply(string value) => constrained && transform is not null ? transform(value) : value;
            switch (name.ToLowerInvariant())
            {
                case "controller":
                    parts.Add(Apply(controller));
                    break;
                case "action":
                    parts.Add(Apply(action));
                    break;
                case "area":
                    return null; // an area route: only controllers with [Area] match it
                default:
                    if (inner.EndsWith('?') || inner.StartsWith('*') || inner.Contains('=', StringComparison.Ordinal))
                    {
                        continue;
                    }
                    parts.Add(segment);
                    break;
            }
        }
        return "/" + string.Join('/', parts);
    }

    /// <summary>kebab-case, as the documented SlugifyParameterTransformer writes it: <c>MyAccount</c> → <c>my-account</c>.</summary>
    public static string Kebab(string value) => CamelHump().Replace(value, "$1-$2").ToLowerInvariant();

    /// <summary>A type a framework binds from a query string value (scalars, their nullable and list forms).</summary>
    public static bool IsScalar(string? type)
    {
        if (type is null)
        {
            return false;
        }
        var t = type.Replace(" ", "", StringComparison.Ordinal).Replace("|None", "", StringComparison.Ordinal).TrimEnd('?');
        foreach (var wrapper in new[] { "Optional[", "Union[", "list[", "List[", "Sequence[", "set[", "Set[", "Optional<", "List<", "IEnumerable<", "IList<" })
        {
            if (t.StartsWith(wrapper, StringComparison.Ordinal))
            {
                t = t[wrapper.Length..].TrimEnd(']', '>').Split(',')[0].TrimEnd('?');
            }
        }
        t = t.EndsWith("[]", StringComparison.Ordinal) ? t[..^2] : t;
        t = t[(t.LastIndexOf('.') + 1)..];
        return Scalars.Contains(t);
    }

    private static readonly HashSet<string> Scalars = new(StringComparer.Ordinal)
    {
        "int", "float", "str", "bool", "bytes", "UUID", "date", "datetime", "time", "Decimal", "EmailStr", "HttpUrl", "AnyUrl",
        "string", "number", "boolean",
        "long", "short", "double", "decimal", "char", "byte", "uint", "ulong", "Guid", "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan",
        "String", "Integer", "Long", "Short", "Double", "Float", "Boolean", "BigDecimal", "BigInteger", "LocalDate", "LocalDateTime", "Instant", "ZonedDateTime",
        "OffsetDateTime",
    };

    [GeneratedRegex(@"/{2,}")]
    private static partial Regex DoubleSlash();

    [GeneratedRegex(@"\{\**([^{}]+)\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"<([^<>]+)>")]
    private static partial Regex Angles();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex CamelHump();
}
