using Noa.Stages.Graph.Model;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

// References: the name, member, call result or place that stands for the router an expression evaluates to, and
// the routers a file passes to functions or returns by name.
internal sealed partial class RouteCollector
{
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
}
