using System.Text.RegularExpressions;
using Noa.Stages.Graph.Model;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

/// <summary>
/// What a handler declares besides its parameters: the response type (FastAPI <c>response_model=</c> or the return
/// annotation; the return type of a Spring, ASP.NET or NestJS method, an ASP.NET <c>[ProducesResponseType(typeof(T))]</c>
/// or <c>.Produces&lt;T&gt;()</c>) and its authorisation markers (Spring <c>@PreAuthorize</c>/<c>@Secured</c>/<c>@RolesAllowed</c>,
/// ASP.NET <c>[Authorize]</c> unless <c>[AllowAnonymous]</c>, <c>.RequireAuthorization()</c>, NestJS <c>@UseGuards</c>, on the
/// handler or its class; FastAPI <c>Depends</c>/<c>Security</c> parameters and <c>dependencies=[…]</c> as candidates).
/// </summary>
internal static partial class HandlerApi
{
    private static readonly HashSet<string> Markers = new(StringComparer.Ordinal) { "PreAuthorize", "Secured", "RolesAllowed", "Authorize", "UseGuards" };

    /// <summary>The response type declared for handler <paramref name="fn"/> (registered by <paramref name="registration"/>
    /// when that is a call, as in ASP.NET minimal APIs).</summary>
    public static (string Type, int Line)? Response(Node fn, Node registration)
    {
        if (!fn.IsNull && fn.Parent.Kind == "decorated_definition")
        {
            foreach (var call in Decorators(fn.Parent).Where(RouteSyntax.IsCall))
            {
                if (RouteSyntax.KeywordArgument(call, "response_model") is { IsNull: false } model)
                {
                    return (Literals.OneLine(model.Text, 120), model.Line);
                }
            }
        }
        foreach (var (name, type, line) in Chain(registration))
        {
            if (name == "Produces" && type is not null)
            {
                return (type, line);
            }
        }
        if (fn.IsNull)
        {
            return null;
        }
        var returns = fn.Field(fn.Kind == "method_declaration" && fn.Tree.Root.Kind == "compilation_unit" ? "returns" : "type");
        if (returns.IsNull)
        {
            returns = fn.Field("return_type");
        }
        var written = returns.IsNull ? null : Literals.OneLine(returns.Text.TrimStart(':').Trim(), 120);
        if (fn.Kind == "method_declaration" && fn.Tree.Root.Kind == "program" && !IsResponseBody(fn, written))
        {
            return null; // a Spring MVC controller's String is a view name, not the response
        }
        if (Noa.Abstractions.Graph.KgTypes.Element(written) is null && fn.Tree.Root.Kind == "compilation_unit")
        {
            // IActionResult: the type [ProducesResponseType(typeof(T), 200)] or [ProducesResponseType<T>(200)] names.
            foreach (var a in Attributes(fn).Where(a => Short(a.Field("name")) == "ProducesResponseType"))
            {
                if (Generic(a.Field("name")) is { } generic)
                {
                    return (generic, a.Line);
                }
                if (a.NamedChildren().FirstOrDefault(c => c.Kind == "attribute_argument_list") is { IsNull: false } args
                    && args.NamedChildren().Select(x => x.NamedChild(x.NamedChildCount - 1)).FirstOrDefault(x => x.Kind == "typeof_expression") is { IsNull: false } typeOf)
                {
                    return (Literals.OneLine(typeOf.Field("type").Text, 120), a.Line);
                }
            }
        }
        return written is null ? null : (written, returns.Line);
    }

    private static bool IsResponseBody(Node method, string? written) =>
        written is not null && (written.StartsWith("ResponseEntity", StringComparison.Ordinal) || written.StartsWith("HttpEntity", StringComparison.Ordinal)
            || Annotations(method).Concat(EnclosingType(method) is { IsNull: false } type ? Annotations(type) : []).Any(a => a.Name is "RestController" or "ResponseBody"));

    /// <summary>The authorisation markers on handler <paramref name="fn"/>, its class and its registration.</summary>
    public static List<RouteSecurity>? Security(Node fn, Node registration)
    {
        var list = new List<RouteSecurity>();
        if (!fn.IsNull)
        {
            switch (fn.Tree.Root.Kind)
            {
                case "module":
                    Python(fn, list);
                    break;
                case "compilation_unit":
                    var own = Attributes(fn).ToList();
                    if (own.Any(a => Short(a.Field("name")) == "AllowAnonymous"))
                    {
                        return null;
                    }
                    foreach (var a in own.Concat(EnclosingType(fn) is { IsNull: false } type ? Attributes(type) : []))
                    {
                        Marker(Short(a.Field("name")), a.NamedChildren().FirstOrDefault(c => c.Kind == "attribute_argument_list"), a.Line, list);
                    }
                    break;
                default:
                    foreach (var a in Annotations(fn).Concat(EnclosingType(fn) is { IsNull: false } owner ? Annotations(owner) : []))
                    {
                        Marker(a.Name, a.Arguments, a.Node.Line, list);
                    }
                    break;
            }
        }
        foreach (var (name, _, line) in Chain(registration))
        {
            if (name == "AllowAnonymous")
            {
                return null;
            }
            if (name == "RequireAuthorization")
            {
                list.Add(new RouteSecurity("RequireAuthorization", null, null, line));
            }
        }
        return list.Count == 0 ? null : list;
    }

    private static void Marker(string? name, Node arguments, int line, List<RouteSecurity> list)
    {
        if (name is null || !Markers.Contains(name))
        {
            return;
        }
        var text = arguments.IsNull ? "" : Literals.OneLine(arguments.Text.Trim('(', ')', '[', ']'), 120);
        var roles = Quoted().Matches(text).Select(m => m.Groups[1].Value)
            .SelectMany(v => name == "Authorize" && text.Contains("Roles", StringComparison.Ordinal) ? v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [v])
            .Where(v => name != "Authorize" || text.Contains("Roles", StringComparison.Ordinal)).Distinct().ToList();
        if (name == "PreAuthorize")
        {
            roles = [.. SpelRoles().Matches(text).Select(m => m.Groups[1].Value).Distinct()];
        }
        list.Add(new RouteSecurity(name, text.Length == 0 ? null : text, roles.Count == 0 ? null : roles, line));
    }

    // FastAPI: parameters that are Depends(x) or Security(x) (as default or in Annotated[…]), parameters typed by a
    // bare name (a dependency alias, CurrentUser), and the decorator's dependencies=[Depends(x)].
    private static void Python(Node fn, List<RouteSecurity> list)
    {
        foreach (var (_, p) in RouteSyntax.Parameters(fn))
        {
            var value = p.Field("value");
            var marker = !value.IsNull && RouteSyntax.IsCall(value) ? value : RouteParameters.Annotated(p.Field("type"));
            if (Dependency(marker) is { } dependency)
            {
                list.Add(dependency with { Line = p.Line });
            }
            else if (marker.IsNull && p.Field("type") is { IsNull: false, Kind: "type" } t && t.NamedChildCount == 1 && t.NamedChild(0).Kind == "identifier")
            {
                list.Add(new RouteSecurity("Annotated", t.Text, null, p.Line));
            }
        }
        if (fn.Parent.Kind == "decorated_definition")
        {
            foreach (var call in Decorators(fn.Parent).Where(RouteSyntax.IsCall))
            {
                var dependencies = RouteSyntax.KeywordArgument(call, "dependencies");
                foreach (var d in dependencies.IsNull ? [] : dependencies.NamedChildren())
                {
                    if (Dependency(d) is { } dependency)
                    {
                        list.Add(dependency);
                    }
                }
            }
        }
    }

    /// <summary>A <c>Depends(x)</c> or <c>Security(x, scopes=[…])</c> call as a candidate marker naming x (its last
    /// name; a call's callee).</summary>
    internal static RouteSecurity? Dependency(Node call)
    {
        if (call.IsNull || !RouteSyntax.IsCall(call) || RouteSyntax.CallName(call) is not ("Depends" or "Security") || RouteSyntax.Arguments(call) is not [var target, ..])
        {
            return null;
        }
        var name = Name(target);
        var scopes = RouteSyntax.KeywordArgument(call, "scopes");
        var roles = scopes.IsNull ? null : scopes.NamedChildren().Select(s => Literals.Unquote(s.Text)).OfType<string>().ToList();
        return name is null ? null : new RouteSecurity(RouteSyntax.CallName(call)!, name, roles is { Count: > 0 } ? roles : null, call.Line);
    }

    /// <summary>The last name of a reference or of a call's callee (<c>deps.get_user</c>, <c>authorizer()</c>).</summary>
    internal static string? Name(Node n)
    {
        n = RouteSyntax.Unwrap(n);
        if (RouteSyntax.IsCall(n))
        {
            n = RouteSyntax.Callee(n);
        }
        return n.Kind switch
        {
            "identifier" => n.Text,
            "attribute" => n.Field("attribute").Text,
            _ => null,
        };
    }

    private static IEnumerable<Node> Decorators(Node decorated) =>
        decorated.NamedChildren().Where(c => c.Kind == "decorator").Select(d => d.NamedChildCount > 0 ? d.NamedChild(0) : default);

    // C#: the attributes of a declaration.
    private static IEnumerable<Node> Attributes(Node declaration) =>
        declaration.NamedChildren().Where(c => c.Kind == "attribute_list").SelectMany(l => l.NamedChildren()).Where(a => a.Kind == "attribute");

    // Java annotations and TypeScript decorators of a method or class: name and argument list.
    private static IEnumerable<(string? Name, Node Arguments, Node Node)> Annotations(Node declaration)
    {
        var modifiers = declaration.NamedChildren().FirstOrDefault(c => c.Kind == "modifiers");
        foreach (var a in modifiers.IsNull ? [] : modifiers.NamedChildren().Where(c => c.Kind is "annotation" or "marker_annotation"))
        {
            yield return (a.Field("name").Text, a.Field("arguments"), a);
        }
        // TypeScript: a method's decorators precede it in the class body; a class's are its children (or the export's).
        var decorators = declaration.NamedChildren().Where(c => c.Kind == "decorator").ToList();
        if (declaration.Parent.Kind == "export_statement")
        {
            decorators.AddRange(declaration.Parent.NamedChildren().Where(c => c.Kind == "decorator"));
        }
        for (var s = declaration.PreviousNamedSibling; !s.IsNull && s.Kind == "decorator"; s = s.PreviousNamedSibling)
        {
            decorators.Add(s);
        }
        foreach (var d in decorators)
        {
            var call = d.NamedChildCount > 0 ? d.NamedChild(0) : default;
            if (RouteSyntax.IsCall(call))
            {
                yield return (RouteSyntax.CallName(call), call.Field("arguments"), d);
            }
        }
    }

    private static Node EnclosingType(Node fn) =>
        fn.Ancestor(k => k is "class_declaration" or "class" or "abstract_class_declaration" or "record_declaration");

    // The calls chained on a registration: app.MapGet(…).RequireAuthorization("admin").Produces<Todo>(200).
    private static IEnumerable<(string? Name, string? TypeArgument, int Line)> Chain(Node registration)
    {
        if (registration.IsNull || !RouteSyntax.IsCall(registration))
        {
            yield break;
        }
        for (var n = registration; RouteSyntax.IsMember(n.Parent) && RouteSyntax.MemberObject(n.Parent) == n && RouteSyntax.IsCall(n.Parent.Parent); n = n.Parent.Parent)
        {
            var name = n.Parent.Field("name");
            yield return (Short(name), Generic(name), n.Parent.Line);
        }
    }

    private static string? Short(Node name)
    {
        if (name.IsNull)
        {
            return null;
        }
        var text = name.Kind == "generic_name" ? name.NamedChild(0).Text : name.Text;
        text = text[(text.LastIndexOf('.') + 1)..];
        return text.EndsWith("Attribute", StringComparison.Ordinal) ? text[..^"Attribute".Length] : text;
    }

    private static string? Generic(Node name) =>
        name.Kind == "generic_name" && name.NamedChildren().FirstOrDefault(c => c.Kind == "type_argument_list") is { IsNull: false, NamedChildCount: > 0 } args
            ? Literals.OneLine(args.NamedChild(0).Text, 120)
            : null;

    [GeneratedRegex("[\"']([^\"']+)[\"']")]
    private static partial Regex Quoted();

    // Spring Security expressions: hasRole('ADMIN'), hasAnyRole('A', 'B'), hasAuthority('SCOPE_x').
    [GeneratedRegex(@"'([A-Za-z0-9_:.-]+)'")]
    private static partial Regex SpelRoles();
}
