using Noa.Stages.Graph.Model;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

/// <summary>
/// A handler's parameters as its signature shows them, with where the framework binds each from when the code says
/// so: FastAPI defaults and <c>Annotated</c> markers (<c>Query()</c>, <c>Path()</c>, <c>Body()</c>, <c>Depends()</c>),
/// NestJS parameter decorators (<c>@Param</c>, <c>@Query</c>, <c>@Body</c>), Spring annotations (<c>@PathVariable</c>,
/// <c>@RequestParam</c>, <c>@RequestBody</c>), ASP.NET attributes (<c>[FromRoute]</c>, <c>[FromQuery]</c>,
/// <c>[FromBody]</c>, <c>[FromServices]</c>).
/// </summary>
internal static class RouteParameters
{
    private static readonly Dictionary<string, string> Sources = new(StringComparer.Ordinal)
    {
        // FastAPI / NestJS / Spring / ASP.NET markers → where the value comes from
        ["Query"] = "query", ["Path"] = "path", ["Body"] = "body", ["Header"] = "header", ["Cookie"] = "cookie",
        ["Form"] = "form", ["File"] = "form", ["UploadFile"] = "form", ["Depends"] = "service", ["Security"] = "service",
        ["Param"] = "path", ["Headers"] = "header", ["UploadedFile"] = "form", ["UploadedFiles"] = "form",
        ["PathVariable"] = "path", ["RequestParam"] = "query", ["RequestBody"] = "body", ["RequestHeader"] = "header",
        ["CookieValue"] = "cookie", ["RequestPart"] = "form", ["ModelAttribute"] = "form",
        ["FromRoute"] = "path", ["FromQuery"] = "query", ["FromBody"] = "body", ["FromHeader"] = "header", ["FromForm"] = "form",
        ["FromServices"] = "service", ["FromKeyedServices"] = "service",
    };

    /// <summary>The parameters of the function node <paramref name="fn"/>, or null when it has none to show.</summary>
    public static List<RouteParameter>? Of(Node fn)
    {
        if (fn.IsNull || !RouteSyntax.IsFunction(fn))
        {
            return null;
        }
        var list = new List<RouteParameter>();
        foreach (var (name, node) in RouteSyntax.Parameters(fn))
        {
            list.Add(node.Kind switch
            {
                "typed_parameter" or "typed_default_parameter" or "default_parameter" => Python(name, node),
                "required_parameter" or "optional_parameter" => TypeScript(name, node),
                "formal_parameter" => Java(name, node),
                "parameter" when node.Tree.Root.Kind == "compilation_unit" => CSharp(name, node),
                _ => new RouteParameter(name, null, null, false),
            } with { Line = node.Line });
        }
        return list.Count == 0 ? null : list;
    }

    private static RouteParameter Python(string name, Node p)
    {
        var type = p.Field("type") is { IsNull: false } t ? Literals.OneLine(t.Text, 120) : null;
        var value = p.Field("value");
        string? source = null;
        var alias = name;
        var embed = false;
        // `x: int = Query(None, alias="y")` or `x: Annotated[int, Query(alias="y")]`
        var marker = !value.IsNull && RouteSyntax.IsCall(value) ? value : Annotated(p.Field("type"));
        if (!marker.IsNull && RouteSyntax.CallName(marker) is { } m && Sources.TryGetValue(m, out var s))
        {
            source = s;
            if (Literals.Unquote(RouteSyntax.KeywordArgument(marker, "alias").Text) is { Length: > 0 } a)
            {
                alias = a;
            }
            embed = m == "Body" && RouteSyntax.KeywordArgument(marker, "embed").Text == "True";
        }
        if (type is not null && type.StartsWith("Annotated[", StringComparison.Ordinal))
        {
            type = type["Annotated[".Length..].Split(',')[0].Trim();
        }
        var optional = !value.IsNull || (type?.Contains("None", StringComparison.Ordinal) ?? false) || (type?.StartsWith("Optional", StringComparison.Ordinal) ?? false);
        return new RouteParameter(alias, type, source, optional, embed);
    }

    // The marker call inside Annotated[T, Marker(…)].
    internal static Node Annotated(Node type)
    {
        if (type.IsNull)
        {
            return default;
        }
        var stack = new Stack<Node>();
        stack.Push(type);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.Kind == "call")
            {
                return n;
            }
            foreach (var c in n.NamedChildren())
            {
                stack.Push(c);
            }
        }
        return default;
    }

    private static RouteParameter TypeScript(string name, Node p)
    {
        var type = p.Field("type") is { IsNull: false } t ? Literals.OneLine(t.Text.TrimStart(':').Trim(), 120) : null;
        string? source = null;
        var alias = name;
        foreach (var d in p.NamedChildren().Where(c => c.Kind == "decorator"))
        {
            var call = d.NamedChildCount > 0 ? d.NamedChild(0) : default;
            var marker = RouteSyntax.IsCall(call) ? RouteSyntax.CallName(call) : call.IsNull ? null : call.Text;
            source = marker is not null && Sources.TryGetValue(marker, out var s) ? s : "service";
            if (RouteSyntax.IsCall(call) && RouteSyntax.Arguments(call) is [var first, ..] && Literals.Unquote(first.Text) is { Length: > 0 } a && first.Kind == "string")
            {
                alias = a;
            }
            else if (source is "query" or "path")
            {
                alias = "*"; // @Query() query: the whole query object, names unknown
            }
        }
        // @Body('user') dto: the body's member "user"
        return new RouteParameter(alias, type, source, p.Kind == "optional_parameter" || !p.Field("value").IsNull, Embed: source == "body" && alias != name);
    }

    private static RouteParameter Java(string name, Node p)
    {
        var type = p.Field("type") is { IsNull: false } t ? Literals.OneLine(t.Text, 120) : null;
        string? source = null;
        var alias = name;
        var optional = type is not null && type.StartsWith("Optional", StringComparison.Ordinal);
        var modifiers = p.NamedChildren().FirstOrDefault(c => c.Kind == "modifiers");
        foreach (var a in modifiers.IsNull ? [] : modifiers.NamedChildren())
        {
            if (a.Kind is not ("annotation" or "marker_annotation") || a.Field("name") is not { IsNull: false } n)
            {
                continue;
            }
            source = Sources.TryGetValue(n.Text, out var s) ? s : "service";
            var args = a.Field("arguments");
            foreach (var arg in args.IsNull ? [] : args.NamedChildren())
            {
                if (arg.Kind == "string_literal" && Literals.Unquote(arg.Text) is { Length: > 0 } v)
                {
                    alias = v;
                }
                else if (arg.Kind == "element_value_pair")
                {
                    var key = arg.Field("key").Text;
                    var value = arg.Field("value");
                    if (key is "value" or "name" && Literals.Unquote(value.Text) is { Length: > 0 } v2 && value.Kind == "string_literal")
                    {
                        alias = v2;
                    }
                    else if (key == "required" && value.Text == "false" || key == "defaultValue")
                    {
                        optional = true;
                    }
                }
            }
        }
        return new RouteParameter(alias, type, source, optional);
    }

    private static RouteParameter CSharp(string name, Node p)
    {
        var typeNode = p.Field("type");
        var type = typeNode.IsNull ? null : Literals.OneLine(typeNode.Text, 120);
        string? source = null;
        var alias = name;
        foreach (var list in p.NamedChildren().Where(c => c.Kind == "attribute_list"))
        {
            foreach (var a in list.NamedChildren().Where(c => c.Kind == "attribute"))
            {
                var attr = a.Field("name").Text;
                attr = attr.EndsWith("Attribute", StringComparison.Ordinal) ? attr[..^"Attribute".Length] : attr;
                if (!Sources.TryGetValue(attr, out var s))
                {
                    continue;
                }
                source = s;
                var args = a.NamedChildren().FirstOrDefault(c => c.Kind == "attribute_argument_list");
                foreach (var arg in args.IsNull ? [] : args.NamedChildren())
                {
                    var value = arg.NamedChild(arg.NamedChildCount - 1);
                    if (Literals.Unquote(value.Text) is { Length: > 0 } v && value.Kind == "string_literal")
                    {
                        alias = v;
                    }
                }
            }
        }
        var optional = (type?.EndsWith('?') ?? false) || (p.NamedChildCount > 0 && p.NamedChild(p.NamedChildCount - 1) != p.Field("name"));
        if (source is null && !Build.RoutePaths.IsScalar(type) && IsMvcAction(p))
        {
            source = "form"; // an MVC controller without [ApiController] binds complex types from the form, not a JSON body
        }
        return new RouteParameter(alias, type, source, optional);
    }

    private static bool IsMvcAction(Node parameter)
    {
        var method = parameter.Parent.Parent;
        var type = method.Kind == "method_declaration" ? method.Ancestor(k => k == "class_declaration") : default;
        return !type.IsNull && !type.NamedChildren().Where(c => c.Kind == "attribute_list").SelectMany(l => l.NamedChildren())
            .Any(a => a.Kind == "attribute" && a.Field("name").Text is "ApiController" or "ApiControllerAttribute");
    }
}
