using Noa.Stages.Graph.Model;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

// Route tables: `routes.forEach((route) => router.use(route.path, route.route))` or `for (const r of routes)` over an
// array literal of objects (`const routes = [{ path: '/auth', route: authRoute }, …]`): one mount per element.
internal sealed partial class RouteCollector
{
    private Dictionary<string, Node>? _arrays;

    private bool MountTable(Node call, Node childArg, Node prefixArg, string? parent)
    {
        childArg = RouteSyntax.Unwrap(childArg);
        if (!RouteSyntax.IsMember(childArg) || RouteSyntax.MemberObject(childArg) is not { Kind: "identifier" } item
            || RouteSyntax.MemberName(childArg) is not { } childProperty)
        {
            return false;
        }
        prefixArg = RouteSyntax.Unwrap(prefixArg);
        var prefixProperty = RouteSyntax.IsMember(prefixArg) && RouteSyntax.MemberObject(prefixArg).Text == item.Text ? RouteSyntax.MemberName(prefixArg) : null;
        if (TableOf(call, item.Text) is not { } table)
        {
            return false;
        }
        foreach (var element in table.NamedChildren().Where(e => e.Kind == "object"))
        {
            var child = RouteSyntax.ObjectProperty(element, childProperty);
            var prefix = prefixProperty is null ? default : RouteSyntax.ObjectProperty(element, prefixProperty);
            if (Ref(child) is { } childRef)
            {
                Add(new RouteFact("mount", defs.Scope(call), element.Line)
                {
                    Parent = parent, Child = childRef,
                    Path = prefix.IsNull ? null : Literals.Unquote(prefix.Text),
                    PathExpr = prefix.IsNull || Literals.Unquote(prefix.Text) is not null ? null : Literals.OneLine(prefix.Text, 120),
                });
            }
        }
        return true;
    }

    // The array literal a loop variable walks: the receiver of `.forEach`/`.map` whose callback takes it, or the
    // right side of `for (… of routes)`; a name is looked up among the file's declarations.
    private Node? TableOf(Node from, string item)
    {
        for (var p = from.Parent; !p.IsNull; p = p.Parent)
        {
            Node array = default;
            if (RouteSyntax.IsAnonymousFunction(p) && RouteSyntax.Parameters(p) is [var first, ..] && first.Name == item
                && p.Parent.Kind == "arguments" && RouteSyntax.IsCall(p.Parent.Parent) && RouteSyntax.CallName(p.Parent.Parent) is "forEach" or "map")
            {
                array = RouteSyntax.CallReceiver(p.Parent.Parent);
            }
            else if (p.Kind == "for_in_statement" && Binds(p.Field("left"), item))
            {
                array = p.Field("right");
            }
            else
            {
                continue;
            }
            array = MapEntries(RouteSyntax.Unwrap(array));
            if (array.Kind == "array")
            {
                return array;
            }
            return array.Kind == "identifier" && Arrays(from).TryGetValue(array.Text, out var declared) ? declared : null;
        }
        return null;
    }

    /// <summary>The literal paths a loop variable takes (<c>for (const [url, file] of libFiles) app.get(url, h)</c>): the
    /// table's string elements, or the first string of each pair, that start with a slash; none when it walks no table.</summary>
    public IReadOnlyList<string> LoopPaths(Node variable)
    {
        if (variable.Kind != "identifier" || TableOf(variable, variable.Text) is not { } table)
        {
            return [];
        }
        var paths = new List<string>();
        foreach (var element in table.NamedChildren())
        {
            var value = element.Kind == "array" ? element.NamedChildren().FirstOrDefault() : element;
            if (!value.IsNull && value.Kind == "string" && Literals.Unquote(value.Text) is { } path && path.StartsWith('/'))
            {
                paths.Add(path);
            }
        }
        return paths;
    }

    // A loop's left side that binds the item: the item itself, or the first name of `[item, other]`.
    private static bool Binds(Node left, string item) =>
        left.Text == item || (left.Kind == "array_pattern" && left.NamedChildren().FirstOrDefault() is { IsNull: false } first && first.Text == item);

    // `new Map([[k, v], …])` walks as its array of pairs; anything else is itself.
    private static Node MapEntries(Node value) =>
        value.Kind == "new_expression" && value.Field("constructor").Text == "Map" && RouteSyntax.Arguments(value) is [var entries, ..] && entries.Kind == "array"
            ? entries
            : value;

    private Dictionary<string, Node> Arrays(Node any)
    {
        if (_arrays is not null)
        {
            return _arrays;
        }
        _arrays = new Dictionary<string, Node>(StringComparer.Ordinal);
        var root = any;
        while (!root.Parent.IsNull)
        {
            root = root.Parent;
        }
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.Kind == "variable_declarator" && n.Field("name") is { Kind: "identifier" } name && MapEntries(n.Field("value")) is { Kind: "array" } value)
            {
                _arrays.TryAdd(name.Text, value);
            }
            foreach (var c in n.NamedChildren())
            {
                stack.Push(c);
            }
        }
        return _arrays;
    }
}
