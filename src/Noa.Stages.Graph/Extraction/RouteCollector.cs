using Noa.Stages.Graph.Model;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

/// <summary>
/// Turns one file's routing captures (<c>@endpoint</c>, <c>@route.*</c>; see <c>Queries/README.md</c>) into
/// <see cref="RouteFact"/>s: which router each route is registered on, which routers are made, mounted, assigned,
/// returned or passed to functions, so the builder can compose full paths across files. Routers are named by
/// references (<see cref="RouteFact"/>); everything here reads only this file.
/// </summary>
internal sealed partial class RouteCollector(FileExtractor.Definitions defs, FileFacts facts)
{
    private readonly List<(QueryMatch Match, Query Query, Node Node, string Capture)> _pending = [];
    private readonly HashSet<(int, int)> _makers = [];
    private readonly HashSet<(int, int)> _captured = [];
    private readonly HashSet<(int, int)> _mounts = [];
    private readonly Dictionary<(int, int), string> _closures = [];
    private readonly HashSet<(int, int)> _bound = [];
    private readonly HashSet<int> _params = [];
    private readonly List<Action> _endpoints = [];

    public void Add(QueryMatch match, Query query, Node node, string capture)
    {
        _pending.Add((match, query, node, capture));
        _captured.Add(Key(node));
        if (capture == "route.router")
        {
            _makers.Add(Key(node));
        }
        if (capture == "route.mount")
        {
            _mounts.Add(Key(node));
        }
    }

    public void Finish()
    {
        // Closures that stand for a router (chi's r.Route("/x", func(r chi.Router) {…}), Fastify's register(fn, {prefix}))
        // are known before any reference inside them is read.
        foreach (var (match, query, node, capture) in _pending)
        {
            var props = query.Properties(match.Pattern);
            if (capture == "route.router" && props.TryGetValue("route.closure", out var at) && Argument(node, at) is { IsNull: false } fn && RouteSyntax.IsAnonymousFunction(fn))
            {
                _closures[Key(fn)] = Anonymous(node);
            }
            if (capture == "route.mount" && props.TryGetValue("route.child", out var child) && Argument(node, child) is { IsNull: false } cfn && RouteSyntax.IsAnonymousFunction(cfn))
            {
                _closures[Key(cfn)] = Anonymous(cfn);
            }
        }
        foreach (var (match, query, node, capture) in _pending)
        {
            var props = query.Properties(match.Pattern);
            switch (capture)
            {
                case "route.router":
                    Prefix(node, props, out var path, out var expr);
                    Add(new RouteFact("router", defs.Scope(node), node.Line)
                    {
                        Router = Anonymous(node),
                        Parent = props.ContainsKey("route.group") ? Ref(RouteSyntax.CallReceiver(node)) : null,
                        Path = path, PathExpr = expr,
                    });
                    if (expr is not null && props.ContainsKey("route.group") && TypeGroup(node) is { } typeGroup)
                    {
                        Add(typeGroup);
                    }
                    Bind(node);
                    break;
                case "route.mount":
                    Prefix(node, props, out var mpath, out var mexpr);
                    var childNode = props.TryGetValue("route.child", out var c) ? Argument(node, c) : default;
                    var prefixNode = props.TryGetValue("route.prefix", out var pa) ? Argument(node, pa) : default;
                    if (MountTable(node, childNode, prefixNode, Ref(RouteSyntax.CallReceiver(node))))
                    {
                        break;
                    }
                    if (Ref(childNode) is { } childRef)
                    {
                        Add(new RouteFact("mount", defs.Scope(node), node.Line)
                        {
                            Parent = Ref(RouteSyntax.CallReceiver(node)), Child = childRef, Path = mpath, PathExpr = mexpr,
                        });
                    }
                    Bind(node);
                    break;
                case "route.global" or "route.versioning" or "route.convention":
                    Prefix(node, props, out var gpath, out var gexpr);
                    var kind = capture["route.".Length..];
                    Add(new RouteFact(kind, defs.Scope(node), node.Line)
                    {
                        Path = gpath ?? (props.TryGetValue("route.template", out var t) ? t : null) ?? (kind == "versioning" ? "v" : null),
                        PathExpr = gexpr,
                        Child = kind == "global" ? Excluded(node) : null,
                    });
                    break;
                case "route.transform":
                    Add(new RouteFact("transform", defs.Scope(node), node.Line) { Handler = match["route.name"] is { IsNull: false } n ? n.Text : null });
                    break;
                case "route.constant":
                    if (match["route.name"] is { IsNull: false } constant && Literals.Unquote(node.Text) is { Length: < 200 } value)
                    {
                        Add(new RouteFact("constant", defs.Scope(node), node.Line) { Router = constant.Text, Path = value });
                    }
                    break;
                case "route.controller":
                    Actions(node);
                    break;
            }
        }
        foreach (var endpoint in _endpoints)
        {
            endpoint();
        }
        if (facts.Routes.Count > 0)
        {
            PassedAndReturned(_pending.Count > 0 ? _pending[0].Node.Tree.Root : default);
        }
    }

    /// <summary>Records an endpoint fact (the extractor has read its method, route and handler), once every router
    /// of the file is known.</summary>
    public void Endpoint(Node node, QueryMatch match, string route, string method, bool annotated, int decorated)
    {
        _captured.Add(Key(node));
        _endpoints.Add(() => AddEndpoint(node, match, route, method, annotated, decorated));
    }

    private void AddEndpoint(Node node, QueryMatch match, string route, string method, bool annotated, int decorated)
    {
        if (_mounts.Contains(Key(node)))
        {
            return; // mux.Handle("/api/", http.StripPrefix("/api", sub)) mounts a router: no endpoint of its own
        }
        var handlerNode = match["endpoint.handler"];
        if (annotated)
        {
            var definition = decorated >= 0 ? FunctionOf(defs.NodeOf(decorated)) : default;
            var router = match["endpoint.router"] is { IsNull: false } r ? Ref(r) : null;
            Add(new RouteFact("handler", decorated, node.Line)
            {
                Router = router, Path = route, Method = method,
                Parameters = definition.IsNull ? null : RouteParameters.Of(definition),
                Response = definition.IsNull ? null : HandlerApi.Response(definition, default),
                Security = definition.IsNull ? null : HandlerApi.Security(definition, default),
            });
            return;
        }
        var receiver = match["endpoint.router"] is { IsNull: false } rr ? rr : RouteSyntax.IsCall(node) ? RouteSyntax.CallReceiver(node) : default;
        var handler = handlerNode.IsNull ? null : Literals.OneLine(handlerNode.Text, 120);
        var inline = RouteSyntax.IsCall(node) ? RouteSyntax.Arguments(node).LastOrDefault() : default;
        var fn = !inline.IsNull && RouteSyntax.IsAnonymousFunction(RouteSyntax.Unwrap(inline)) ? RouteSyntax.Unwrap(inline) : NamedHandler(inline);
        Add(new RouteFact("endpoint", defs.Scope(node), node.Line)
        {
            Router = Ref(receiver), Path = route, Method = method == "ANY" ? ChainedMethods(node) ?? method : method, Handler = handler,
            Parameters = fn.IsNull ? null : RouteParameters.Of(fn),
            Response = HandlerApi.Response(fn, node),
            Security = HandlerApi.Security(fn, node),
        });
    }

    // A handler passed by name (an ASP.NET method group, an Express or Flask function) and defined in the same file: its
    // function, whose signature shows parameters as an inline handler's does. A name defined twice in the file is not guessed at.
    private Node NamedHandler(Node argument)
    {
        if (argument.IsNull)
        {
            return default;
        }
        var n = RouteSyntax.Unwrap(argument);
        var name = n.Kind switch
        {
            "identifier" => n,
            "member_access_expression" => n.Field("name"),
            "member_expression" => n.Field("property"),
            "attribute" => n.Field("attribute"),
            _ => default,
        };
        if (name.IsNull || name.Kind is not ("identifier" or "property_identifier"))
        {
            return default;
        }
        var index = defs.CallableNamed(name.Text);
        return index < 0 ? default : FunctionOf(defs.NodeOf(index));
    }

    /// <summary>A class-level prefix (Spring @RequestMapping, ASP.NET [Route], NestJS @Controller).</summary>
    public void Class(Node node, int owner, string route, string? version) =>
        Add(new RouteFact("class", owner, node.Line) { Path = route, Method = version });

    private void Add(RouteFact fact) => facts.Routes.Add(fact);

    // gorilla/mux: r.HandleFunc("/x", h).Methods("GET", "POST").
    private static string? ChainedMethods(Node call)
    {
        var parent = call.Parent;
        if (!RouteSyntax.IsMember(parent) || RouteSyntax.MemberName(parent) != "Methods" || !RouteSyntax.IsCall(parent.Parent))
        {
            return null;
        }
        var verbs = RouteSyntax.Arguments(parent.Parent).Select(a => Literals.Unquote(a.Text)?.ToUpperInvariant())
            .Where(v => v is { Length: > 0 } && v.All(char.IsAsciiLetterUpper)).ToList();
        return verbs.Count == 0 ? null : string.Join(",", verbs);
    }

    // The function node a definition stands for: a decorated definition's function, a declarator's value.
    private static Node FunctionOf(Node definition)
    {
        if (definition.Kind == "decorated_definition")
        {
            return definition.Field("definition");
        }
        if (definition.Kind == "variable_declarator" && definition.Field("value") is { IsNull: false } value)
        {
            return value;
        }
        return definition;
    }

    // The prefix argument named by the pattern's route.prefix property: kw:NAME or arg:N.
    private static void Prefix(Node call, IReadOnlyDictionary<string, string> props, out string? path, out string? expr)
    {
        path = null;
        expr = null;
        if (!props.TryGetValue("route.prefix", out var at) || Argument(call, at) is not { IsNull: false } value)
        {
            return;
        }
        value = RouteSyntax.Unwrap(value);
        if (value.Kind is "string" or "string_literal" or "interpreted_string_literal" or "raw_string_literal" or "verbatim_string_literal" or "template_string")
        {
            path = Literals.Unquote(value.Text);
            if (path is null)
            {
                expr = Literals.OneLine(value.Text, 120);
            }
            return;
        }
        expr = Literals.OneLine(value.Text, 120);
    }

    private static Node Argument(Node call, string at)
    {
        var dot = at.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            // "arg:1.arg:0": an argument of the call in argument 1 (http.StripPrefix("/api", sub) inside Handle).
            var inner = RouteSyntax.Unwrap(Argument(call, at[..dot]));
            return RouteSyntax.IsCall(inner) ? Argument(inner, at[(dot + 1)..]) : default;
        }
        if (at.StartsWith("kw:", StringComparison.Ordinal))
        {
            return RouteSyntax.KeywordArgument(call, at[3..]);
        }
        var args = RouteSyntax.Arguments(call);
        if (at == "last")
        {
            return args.Count == 0 ? default : args[^1];
        }
        return at.StartsWith("arg:", StringComparison.Ordinal) && int.TryParse(at[4..], out var i) && i < args.Count ? args[i] : default;
    }

    // NestJS setGlobalPrefix('api', { exclude: ['/', 'health'] }).
    private static string? Excluded(Node call)
    {
        var exclude = RouteSyntax.KeywordArgument(call, "exclude");
        if (exclude.IsNull)
        {
            return null;
        }
        var paths = exclude.NamedChildren().Select(e => Literals.Unquote(e.Text)).OfType<string>().ToList();
        return paths.Count == 0 ? null : string.Join(",", paths);
    }

    // What the chain a router is made or mounted in becomes: assigned to a name, returned, exported, or passed on.
    private void Bind(Node node)
    {
        var top = ChainTop(node);
        if (!_bound.Add(Key(top)) || Ref(top) is not { } self)
        {
            return;
        }
        var owner = defs.Scope(top);
        if (RouteSyntax.AssignedTo(top) is { } name)
        {
            Add(new RouteFact("alias", owner, top.Line) { Router = name, Child = self });
            // `users_router = r = APIRouter()`, `a = b = express.Router()`: every name of the chain holds it
            for (var outer = top.Parent; outer.Kind is "assignment" or "assignment_expression" && RouteSyntax.AssignedTo(outer) is { } more; outer = outer.Parent)
            {
                Add(new RouteFact("alias", owner, top.Line) { Router = more, Child = self });
            }
        }
        else if (RouteSyntax.IsExported(top))
        {
            Add(new RouteFact("return", -1, top.Line) { Child = self });
        }
        else if (RouteSyntax.IsReturned(top))
        {
            if (EnclosingFunction(top) is { } fn && defs.OfFunction(fn) is var d and >= 0)
            {
                Add(new RouteFact("return", d, top.Line) { Child = self });
            }
        }
        else if (ArgumentOf(top) is ({ IsNull: false } call, var index) && !_captured.Contains(Key(call)))
        {
            Add(new RouteFact("call", owner, call.Line) { Handler = Callee(call), Argument = index, Child = self });
        }
    }

    // Climbs a method chain (`Router::new().route(…).layer(…)`, `app.MapGroup("x").WithTags(…)`) to its last call.
    private static Node ChainTop(Node node)
    {
        var n = node;
        while (true)
        {
            var p = n.Parent;
            if (p.IsNull)
            {
                return n;
            }
            if (RouteSyntax.IsMember(p) && RouteSyntax.MemberObject(p) == n && RouteSyntax.IsCall(p.Parent) && RouteSyntax.Callee(p.Parent) == p)
            {
                n = p.Parent;
            }
            else if (p.Kind is "parenthesized_expression" or "await_expression" or "await" or "try_expression")
            {
                n = p;
            }
            else
            {
                return n;
            }
        }
    }

    private static (Node Call, int Index) ArgumentOf(Node value)
    {
        var p = value.Parent;
        if (p.Kind == "argument")
        {
            value = p;
            p = p.Parent;
        }
        if (p.Kind is not ("argument_list" or "arguments"))
        {
            return (default, -1);
        }
        var call = p.Parent;
        if (!RouteSyntax.IsCall(call))
        {
            return (default, -1);
        }
        var index = 0;
        foreach (var a in p.NamedChildren())
        {
            if (a == value)
            {
                return (call, index);
            }
            if (a.Kind is not ("keyword_argument" or "comment"))
            {
                index++;
            }
        }
        return (default, -1);
    }

    private static string? Callee(Node call)
    {
        var callee = RouteSyntax.Callee(call);
        return callee.IsNull ? null : Literals.OneLine(callee.Text, 120);
    }

    private static Node? EnclosingFunction(Node node)
    {
        for (var p = node.Parent; !p.IsNull; p = p.Parent)
        {
            if (RouteSyntax.IsFunction(p))
            {
                return p;
            }
        }
        return null;
    }

    private static (int, int) Key(Node n) => (n.StartByte, n.EndByte);

    private static string Anonymous(Node n) => $"#{n.Line}:{n.Start.Column + 1}";
}
