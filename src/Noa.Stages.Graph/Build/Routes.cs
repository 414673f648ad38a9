using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Build;

// HTTP routes composed across files (RouteFact → endpoint nodes). Every router a route is registered on is followed
// through the group it was made on, the mounts and includes that hold it, the names it is assigned to, the
// functions it is returned from or passed to, up to the application; each chain of prefixes is one full path.
// Routers are keys: n|file|scope|name (a name in a scope), #|file|L:C (made at a place), p|def|i (a parameter),
// r|def (what a function returns), x|file (a module's export); names that are one object are united.
internal sealed partial class GraphBuilder
{
    [System.Text.RegularExpressions.GeneratedRegex("""['"`]([A-Za-z_][\w.]*)['"`]""")]
    private static partial System.Text.RegularExpressions.Regex ConfigKey();

    private readonly Dictionary<string, string> _union = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Parent, KgRouteStep? Step)>> _routeEdges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KgRouteStep> _ownPrefix = new(StringComparer.Ordinal);
    private readonly HashSet<string> _routers = new(StringComparer.Ordinal);
    private readonly HashSet<(int File, int Scope, string Name)> _routeLocals = [];
    private readonly Dictionary<int, RouteFact> _routeParams = [];
    private readonly Dictionary<string, List<(int File, RouteFact Fact)>> _routeConstants = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<(string Parent, KgRouteStep Step)>> _mountedHandlers = [];

    // The edge from a returned router to its function's result: a hop that adds no text, and no path of its own when
    // nobody mounts the result (the router keeps the paths it has: `var api = app.MapGroup("x"); …; return api;`).
    private static readonly KgRouteStep Returned = new("return", "", "", 0);

    private void AddRoutes()
    {
        for (var f = 0; f < _files.Count; f++)
        {
            foreach (var r in _files[f].Facts.Routes)
            {
                switch (r.Kind)
                {
                    case "alias" when r.Router is not null:
                        _routeLocals.Add((f, r.Owner, r.Router));
                        break;
                    case "params" when r.Owner >= 0:
                        _routeParams.TryAdd(_global[f][r.Owner], r);
                        break;
                    case "constant" when r.Router is not null:
                        List(_routeConstants, r.Router).Add((f, r));
                        break;
                }
            }
        }
        for (var f = 0; f < _files.Count; f++)
        {
            foreach (var r in _files[f].Facts.Routes)
            {
                AddRouteLink(f, r);
            }
        }
        MountRouterHandlers();
        var edges = new Dictionary<string, List<(string, KgRouteStep?)>>(StringComparer.Ordinal);
        foreach (var (key, list) in _routeEdges)
        {
            var rep = Find(key);
            if (!edges.TryGetValue(rep, out var merged))
            {
                edges[rep] = merged = [];
            }
            merged.AddRange(list);
        }
        _routeEdges.Clear();
        foreach (var (key, list) in edges)
        {
            _routeEdges[key] = list;
        }
        foreach (var key in _ownPrefix.Keys.ToList().Where(k => Find(k) != k))
        {
            _ownPrefix.TryAdd(Find(key), _ownPrefix[key]);
        }
        foreach (var key in _routers.ToList())
        {
            _routers.Add(Find(key));
        }
        AddEndpoints();
    }

    private void AddRouteLink(int f, RouteFact r)
    {
        var path = _files[f].Path;
        switch (r.Kind)
        {
            case "router":
            {
                var key = RouterKey(f, r.Owner, r.Router);
                if (key is null)
                {
                    return;
                }
                _routers.Add(key);
                var step = PrefixStep(f, r, "group");
                if (r.Parent is not null && RouterKey(f, r.Owner, r.Parent) is { } parent)
                {
                    Link(key, parent, step);
                }
                else if (step is not null)
                {
                    _ownPrefix.TryAdd(key, step);
                }
                break;
            }
            case "mount":
            {
                if (RouterKey(f, r.Owner, r.Parent) is not { } parent)
                {
                    return;
                }
                var step = PrefixStep(f, r, "mount") ?? new KgRouteStep("mount", "", path, r.Line);
                if (MountedHandler(f, r.Owner, r.Child) is { } handler)
                {
                    List(_mountedHandlers, handler).Add((parent, step));
                    return;
                }
                if (RouterKey(f, r.Owner, r.Child, function: true) is { } child && !FromTest(f, FileOfKey(child)))
                {
                    Link(child, parent, step);
                    _routers.Add(parent);
                }
                break;
            }
            case "alias":
                if (r.Router is not null && RouterKey(f, r.Owner, r.Child) is { } value)
                {
                    Union(Named(f, r.Owner, r.Router), value);
                }
                break;
            case "return":
                if (RouterKey(f, r.Owner, r.Child) is { } returned)
                {
                    Link(returned, r.Owner >= 0 ? "r|" + _global[f][r.Owner] : "x|" + f, Returned);
                }
                break;
            case "typegroup":
                LinkTypeGroup(f, r);
                break;
            case "call":
                foreach (var g in Callees(f, r.Owner, r.Handler))
                {
                    if (!_routeParams.TryGetValue(g, out var ps) || FromTest(f, _defs[g].File) || RouterKey(f, r.Owner, r.Child) is not { } argument)
                    {
                        continue;
                    }
                    var index = r.Argument < 0 ? (ps.Argument == 1 ? 0 : -1) : r.Argument + ps.Argument;
                    if (index >= 0 && index < (ps.Parameters?.Count ?? 0))
                    {
                        Link($"p|{g}|{index}", argument, null);
                    }
                }
                break;
        }
    }

    // A prefix step from a fact's literal, or from the constant its expression names.
    private KgRouteStep? PrefixStep(int f, RouteFact r, string kind)
    {
        var path = _files[f].Path;
        if (r.Path is not null)
        {
            return new KgRouteStep(kind, r.Path, path, r.Line);
        }
        if (r.PathExpr is null)
        {
            return null;
        }
        return ResolveConstant(f, r.PathExpr) is { } c
            ? new KgRouteStep(kind, c.Value, path, r.Line, Constant: c.Evidence)
            : new KgRouteStep(kind, "", path, r.Line, Unresolved: r.PathExpr);
    }

    // `settings.API_V1_STR`, `API_PREFIX`, `config::BASE`: the literal of the constant it names, looked for in the same
    // file, then in the files it imports, then anywhere (only when every definition of the name agrees).
    private (string Value, string Evidence)? ResolveConstant(int f, string expression)
    {
        var name = expression;
        if (ConfigKey().Match(expression) is { Success: true } key)
        {
            // configService.get('app.apiPrefix'): the setting's name, whose literal default the config object holds
            name = key.Groups[1].Value[(key.Groups[1].Value.LastIndexOf('.') + 1)..];
        }
        var cut = Math.Max(name.LastIndexOf('.'), name.LastIndexOf("::", StringComparison.Ordinal) + 1);
        name = cut > 0 ? name[(cut + (name[cut - 1] == ':' ? 0 : 1))..].TrimStart(':') : name;
        if (!_routeConstants.TryGetValue(name, out var candidates))
        {
            return null;
        }
        var imported = _scopes[f].Bindings.Values.SelectMany(b => b.Files).ToHashSet();
        foreach (var pick in new Func<(int File, RouteFact Fact), bool>[] { c => c.File == f, c => imported.Contains(c.File), _ => true })
        {
            var found = candidates.Where(pick).ToList();
            if (found.Count > 0 && found.Select(c => c.Fact.Path).Distinct(StringComparer.Ordinal).Count() == 1)
            {
                var (file, fact) = found[0];
                return (fact.Path!, $"{name} = \"{fact.Path}\" at {_files[file].Path}:{fact.Line}");
            }
        }
        return null;
    }

    // A test that mounts the application's routers (or calls its route helpers) on a router of its own does not give
    // them paths: only compositions outside tests, or inside the test's own file, count.
    private bool FromTest(int f, int target) => f != target && _files[f].Spec.IsTestFile(_files[f].Path) && !_files[target].Spec.IsTestFile(_files[target].Path);

    // The file a router key belongs to: its own for names and places, the definition's for parameters and returns.
    private int FileOfKey(string key)
    {
        var parts = key.Split('|');
        var n = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        return parts[0] is "p" or "r" ? _defs[n].File : n;
    }

    private void Link(string child, string parent, KgRouteStep? step)
    {
        if (child == parent)
        {
            return;
        }
        List(_routeEdges, child).Add((parent, step));
    }

    private string Find(string key)
    {
        while (_union.TryGetValue(key, out var next) && next != key)
        {
            if (_union.TryGetValue(next, out var grand))
            {
                _union[key] = grand;
            }
            key = next;
        }
        return key;
    }

    private void Union(string a, string b)
    {
        var (ra, rb) = (Find(a), Find(b));
        if (ra == rb)
        {
            return;
        }
        // The lower key represents both, so the result does not depend on fact order.
        if (string.CompareOrdinal(ra, rb) < 0)
        {
            _union[rb] = ra;
        }
        else
        {
            _union[ra] = rb;
        }
    }
}
