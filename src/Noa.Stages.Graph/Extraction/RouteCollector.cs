using Noa.Stages.Graph.Model;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

/// <summary>
/// Turns one file's routing captures (<c>@endpoint</c>, <c>@route.*</c>; see <c>Queries/README.md</c>) into
/// <see cref="RouteFact"/>s: which router each route is registered on, which routers are made, mounted, assigned,
/// returned or passed to functions, so the builder can compose full paths across files. Routers are named by
/// references (<see cref="RouteFact"/>); everything here reads only this file.
/// </summary>
internal sealed class RouteCollector(FileExtractor.Definitions defs, FileFacts facts)
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
                    Bind(node);
                    break;
                case "route.mount":
                    Prefix(node, props, out var mpath, out var mexpr);
                    var childNode = props.TryGetValue("route.child", out var c) ? Argument(node, c) : default;
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
            var definition = decorated >= 0 ? defs.NodeOf(decorated) : default;
            var router = match["endpoint.router"] is { IsNull: false } r ? Ref(r) : null;
            Add(new RouteFact("handler", decorated, node.Line)
            {
                Router = router, Path = route, Method = method,
                Parameters = definition.IsNull ? null : RouteParameters.Of(FunctionOf(definition)),
            });
            return;
        }
        var receiver = match["endpoint.router"] is { IsNull: false } rr ? rr : RouteSyntax.IsCall(node) ? RouteSyntax.CallReceiver(node) : default;
        var handler = handlerNode.IsNull ? null : Literals.OneLine(handlerNode.Text, 120);
        var inline = RouteSyntax.IsCall(node) ? RouteSyntax.Arguments(node).LastOrDefault() : default;
        Add(new RouteFact("endpoint", defs.Scope(node), node.Line)
        {
            Router = Ref(receiver), Path = route, Method = method == "ANY" ? ChainedMethods(node) ?? method : method, Handler = handler,
            Parameters = !inline.IsNull && RouteSyntax.IsAnonymousFunction(RouteSyntax.Unwrap(inline)) ? RouteParameters.Of(RouteSyntax.Unwrap(inline)) : null,
        });
    }

    // An ASP.NET controller's actions: its public instance methods, unless [NonAction]; each with the verbs of its
    // [HttpX] attributes (none: any verb) and its parameters. Conventional routing gives them their paths.
    private void Actions(Node controller)
    {
        var body = controller.Field("body");
        if (body.IsNull || controller.NamedChildren().Any(c => c.Kind == "modifier" && c.Text is "abstract" or "static"))
        {
            return;
        }
        foreach (var m in body.NamedChildren())
        {
            if (m.Kind != "method_declaration")
            {
                continue;
            }
            var modifiers = m.NamedChildren().Where(c => c.Kind == "modifier").Select(c => c.Text).ToList();
            var attributes = m.NamedChildren().Where(c => c.Kind == "attribute_list").SelectMany(l => l.NamedChildren())
                .Where(a => a.Kind == "attribute").Select(a => a.Field("name").Text).ToList();
            if (!modifiers.Contains("public") || modifiers.Contains("static") || modifiers.Contains("abstract") || attributes.Contains("NonAction"))
            {
                continue;
            }
            var def = defs.At(m);
            if (def < 0)
            {
                continue;
            }
            var verbs = attributes.Where(a => a.StartsWith("Http", StringComparison.Ordinal) && a.Length > 4).Select(a => a[4..].ToUpperInvariant()).Distinct().ToList();
            Add(new RouteFact("action", def, m.Line)
            {
                Path = m.Field("name").Text, Method = verbs.Count == 0 ? "ANY" : string.Join(",", verbs), Parameters = RouteParameters.Of(m),
            });
        }
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

    /// <summary>The reference naming the router an expression evaluates to, or null when it names none.</summary>
    private string? Ref(Node n)
    {
        n = RouteSyntax.Unwrap(n);
        if (n.IsNull)
        {
            return null;
        }
        if (_makers.Contains(Key(n)))
        {
            return Anonymous(n);
        }
        if (_closures.TryGetValue(Key(n), out var closure))
        {
            return closure;
        }
        if (RouteSyntax.IsAnonymousFunction(n))
        {
            return Anonymous(n);
        }
        switch (n.Kind)
        {
            case "identifier":
                return Local(n);
            case "this" or "self":
                return "this";
            case "new_expression":
                return n.Field("constructor") is { IsNull: false } ctor ? $"new {Literals.OneLine(ctor.Text, 80)}()" : null;
        }
        if (RouteSyntax.IsMember(n))
        {
            var obj = RouteSyntax.Unwrap(RouteSyntax.MemberObject(n));
            var name = RouteSyntax.MemberName(n);
            if (name is null || obj.IsNull)
            {
                return null;
            }
            if (obj.Kind is "this" or "self")
            {
                return "this." + name;
            }
            return obj.Kind is "identifier" || RouteSyntax.IsMember(obj) ? Literals.OneLine(obj.Text, 120).Replace(" ", "", StringComparison.Ordinal) + "." + name : null;
        }
        if (!RouteSyntax.IsCall(n))
        {
            return null;
        }
        var callee = RouteSyntax.Callee(n);
        if (callee.IsNull)
        {
            return null;
        }
        if (callee.Kind == "identifier" && callee.Text == "require" && RouteSyntax.Arguments(n) is [var module, ..] && Literals.Unquote(module.Text) is { } path)
        {
            return $"require({path})";
        }
        if (callee.Kind is "identifier" or "scoped_identifier" or "generic_name")
        {
            return Literals.OneLine(callee.Text, 120).Replace(" ", "", StringComparison.Ordinal) + "()";
        }
        if (RouteSyntax.IsMember(callee))
        {
            var obj = RouteSyntax.Unwrap(RouteSyntax.MemberObject(callee));
            if (obj.Kind is "identifier" && IsModule(obj.Text))
            {
                return $"{obj.Text}.{RouteSyntax.MemberName(callee)}()";
            }
            return Ref(obj); // a builder method: the same router comes back
        }
        return null;
    }

    // A name: a parameter of an enclosing function (a closure standing for a router, or a definition whose callers
    // pass it), else a name the builder resolves through the file's scope and imports.
    private string Local(Node identifier)
    {
        var name = identifier.Text;
        for (var p = identifier.Parent; !p.IsNull; p = p.Parent)
        {
            if (!RouteSyntax.IsFunction(p))
            {
                continue;
            }
            var parameters = RouteSyntax.Parameters(p);
            var index = parameters.FindIndex(x => x.Name == name);
            if (index < 0)
            {
                continue;
            }
            if (_closures.TryGetValue(Key(p), out var closure) && index == 0)
            {
                return closure;
            }
            var def = defs.OfFunction(p);
            if (def < 0)
            {
                return $"{name}@{p.Line}:{p.Start.Column + 1}"; // a parameter of a closure nobody names: not the outer variable
            }
            if (_params.Add(def))
            {
                Add(new RouteFact("params", def, p.Line)
                {
                    Parameters = parameters.Select(x => new RouteParameter(x.Name, null, null, false)).ToList(),
                    Argument = RouteSyntax.IsExtension(p) ? 1 : 0,
                });
            }
            return name;
        }
        return name;
    }

    private bool IsModule(string name) => facts.Imports.Any(i =>
        i.Alias == name || (i.Alias is null && (i.Name == name || (i.Name is null && LastSegment(i.Module) == name))));

    private static string LastSegment(string module)
    {
        var m = module.TrimEnd('/');
        var cut = Math.Max(m.LastIndexOf('/'), m.LastIndexOf('.'));
        return cut >= 0 ? m[(cut + 1)..] : m;
    }

    // Routers passed to functions by name (`register(app)`, `h.Register(v1)`, C# `api.MapTodos()`), returned
    // (`return router`) or exported (`module.exports = router`): one walk of the tree, only in files with routes.
    private void PassedAndReturned(Node root)
    {
        if (root.IsNull)
        {
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in facts.Routes)
        {
            foreach (var r in new[] { f.Router, f.Parent, f.Child })
            {
                if (r is { Length: > 0 } && (char.IsLetter(r[0]) || r[0] is '_' or '$') && r.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '$'))
                {
                    names.Add(r);
                }
            }
        }
        var csharp = root.Kind == "compilation_unit";
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (RouteSyntax.IsCall(n) && !_captured.Contains(Key(n)))
            {
                var args = RouteSyntax.Arguments(n);
                for (var i = 0; i < args.Count; i++)
                {
                    var a = RouteSyntax.Unwrap(args[i]);
                    if (a.Kind == "identifier" && names.Contains(a.Text) && Ref(a) is { } r)
                    {
                        Add(new RouteFact("call", defs.Scope(n), n.Line) { Handler = Callee(n), Argument = i, Child = r });
                    }
                }
                var receiver = RouteSyntax.Unwrap(RouteSyntax.CallReceiver(n));
                if (csharp && !receiver.IsNull && ((receiver.Kind == "identifier" && names.Contains(receiver.Text)) || _makers.Contains(Key(receiver))) && Ref(receiver) is { } rr)
                {
                    Add(new RouteFact("call", defs.Scope(n), n.Line) { Handler = Callee(n), Argument = -1, Child = rr });
                }
            }
            else if (n.Kind == "identifier" && names.Contains(n.Text) && !n.Parent.IsNull)
            {
                if (RouteSyntax.IsExported(n) && Ref(n) is { } e)
                {
                    Add(new RouteFact("return", -1, n.Line) { Child = e });
                }
                else if (RouteSyntax.IsReturned(n) && EnclosingFunction(n) is { } fn && defs.OfFunction(fn) is var d and >= 0 && Ref(n) is { } r)
                {
                    Add(new RouteFact("return", d, n.Line) { Child = r });
                }
            }
            foreach (var child in n.NamedChildren().Reverse())
            {
                stack.Push(child);
            }
        }
    }

    private static (int, int) Key(Node n) => (n.StartByte, n.EndByte);

    private static string Anonymous(Node n) => $"#{n.Line}:{n.Start.Column + 1}";
}
