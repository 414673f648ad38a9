using System.Text.RegularExpressions;
using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Build;

// Endpoint nodes: one per full path a registration gets (a router mounted twice gives two) and per verb, with the
// OpenAPI path, the parameters and the composition steps; EXPOSES from the handler.
internal sealed partial class GraphBuilder
{
    private const int MaxChains = 16;
    private readonly HashSet<RouteFact> _handlerMounts = [];
    private readonly HashSet<string> _knownRouters = new(StringComparer.Ordinal);

    // A receiver named like an HTTP client, when it is no router the source makes: axios.get("/x", cfg) is a request.
    private static readonly Regex HttpClient = new(@"(^|\.)(axios|\$http|https?|got|ky|superagent|request|agent|client|httpClient|fetch|supertest|api|_?http)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // net/http `http.Handle("/", r)`, echo/gin handing a router to another: mounting one router on another is no endpoint.
    private void MountRouterHandlers()
    {
        var routers = new HashSet<string>(_routers.Select(Find), StringComparer.Ordinal);
        for (var f = 0; f < _files.Count; f++)
        {
            foreach (var r in _files[f].Facts.Routes.Where(r => r.Kind == "endpoint" && r.Router is not null))
            {
                if (RouterKey(f, r.Owner, r.Router) is { } key)
                {
                    routers.Add(Find(key));
                }
            }
        }
        for (var f = 0; f < _files.Count; f++)
        {
            foreach (var r in _files[f].Facts.Routes.Where(r => r.Kind == "endpoint" && r.Handler is not null && r.Router is not null))
            {
                if (!IsIdentifier(r.Handler!) || RouterKey(f, r.Owner, r.Handler) is not { } handler || !routers.Contains(Find(handler))
                    || RouterKey(f, r.Owner, r.Router) is not { } parent)
                {
                    continue;
                }
                Link(handler, parent, new KgRouteStep("mount", r.Path?.TrimEnd('/') ?? "", _files[f].Path, r.Line));
                _handlerMounts.Add(r);
            }
        }
    }

    private void AddEndpoints()
    {
        foreach (var (child, parents) in _routeEdges)
        {
            _knownRouters.Add(child);
            foreach (var (parent, _) in parents)
            {
                _knownRouters.Add(Find(parent));
            }
        }
        _knownRouters.UnionWith(_routers);
        _knownRouters.UnionWith(_ownPrefix.Keys);
        var controllerMethods = new SortedDictionary<int, List<RouteFact>>();
        for (var f = 0; f < _files.Count; f++)
        {
            foreach (var r in _files[f].Facts.Routes)
            {
                switch (r.Kind)
                {
                    case "endpoint" when !_handlerMounts.Contains(r):
                        AddCallEndpoint(f, r);
                        break;
                    case "handler" when _files[f].Spec.Id == "csharp" && r.Router is null && r.Owner >= 0:
                        List(controllerMethods, _global[f][r.Owner]).Add(r);
                        break;
                    case "handler" when r.Owner >= 0:
                        AddDeclaredEndpoint(f, r);
                        break;
                }
            }
        }
        AddAspNetEndpoints(controllerMethods);
    }

    private void AddCallEndpoint(int f, RouteFact r)
    {
        var chains = new List<List<KgRouteStep>> { new() };
        if (r.Router is not null && RouterKey(f, r.Owner, r.Router) is { } key)
        {
            var rep = Find(key);
            var known = _knownRouters.Contains(rep) || rep[0] is 'p' or 'r' or 'x';
            if (!known && _files[f].Spec.Id is "javascript" or "typescript" && HttpClient.IsMatch(r.Router))
            {
                return;
            }
            chains = Chains(rep, []);
        }
        var owner = r.Owner >= 0 ? _defIds[_global[f][r.Owner]] : _fileIds[f];
        var handler = owner;
        var resolved = false;
        if (r.Handler is { } name)
        {
            var (qualifier, last) = SplitQualified(name);
            var ownerDef = r.Owner >= 0 ? _global[f][r.Owner] : -1;
            var (targets, _, _) = IsIdentifier(last) ? Lookup(f, ownerDef, last, qualifier, wantType: false) : ([], 0, Parsed);
            if (targets.Count == 0 && IsIdentifier(last))
            {
                targets = HeldHandlers(f, qualifier, last);
            }
            if (targets.Count == 1)
            {
                handler = _defIds[targets[0]];
                resolved = true;
            }
        }
        var route = new KgRouteStep("route", r.Path ?? "", _files[f].Path, r.Line);
        foreach (var chain in chains)
        {
            EmitEndpoint(f, r, r.Method ?? "ANY", [.. chain, route], handler, r.Handler is not null && !resolved ? 0.7 : 1.0, r.Parameters);
        }
    }

    // A handler held by a constant rather than declared as a function (`const register = catchAsync(async (req, res)
    // => …)`, exported and used as `authController.register`).
    private List<int> HeldHandlers(int f, string? qualifier, string name)
    {
        if (qualifier is null)
        {
            return Visible(f, name, types: false);
        }
        return _scopes[f].Bindings.TryGetValue(qualifier, out var binding) && binding.External is null && binding.Member is null
            ? binding.Files.SelectMany(file => TopLevel(file, name)).ToList()
            : [];
    }

    // A route declared on its handler: a decorator's router (Python), a router the function is mounted on by name
    // (actix), else its class's prefixes (Spring, NestJS with its global prefix and URI version).
    private void AddDeclaredEndpoint(int f, RouteFact r)
    {
        var g = _global[f][r.Owner];
        var route = new KgRouteStep("route", r.Path ?? "", _files[f].Path, r.Line);
        List<List<KgRouteStep>> chains;
        if (r.Router is not null && RouterKey(f, r.Owner, r.Router) is { } key)
        {
            chains = Chains(Find(key), []);
        }
        else if (_mountedHandlers.TryGetValue(g, out var mounts))
        {
            chains = mounts.SelectMany(m => Chains(Find(m.Parent), [m.Step])).Take(MaxChains).ToList();
        }
        else
        {
            var classes = ClassPrefixes(f, r.Owner);
            chains = classes.Count == 0 ? [[]] : classes.Select(c => new List<KgRouteStep> { c.Step }).ToList();
            if (_files[f].Spec.Id is "typescript" or "javascript")
            {
                chains = (classes.Count == 0 ? [(new KgRouteStep("class", "", _files[f].Path, r.Line), null)] : classes)
                    .Select(c => NestPrefixes(f, c.Step, c.Version, route).Append(c.Step).ToList()).ToList();
            }
        }
        foreach (var chain in chains)
        {
            EmitEndpoint(f, r, r.Method ?? "ANY", [.. chain, route], _defIds[g], 1.0, r.Parameters);
        }
    }

    // The class-level prefixes of the class enclosing a definition (Spring @RequestMapping, NestJS @Controller).
    private List<(KgRouteStep Step, string? Version)> ClassPrefixes(int f, int index)
    {
        var defs = _files[f].Facts.Definitions;
        for (var p = defs[index].Parent; p >= 0; p = defs[p].Parent)
        {
            var found = _files[f].Facts.Routes.Where(x => x.Kind == "class" && x.Owner == p)
                .Select(x => (new KgRouteStep("class", x.Path ?? "", _files[f].Path, x.Line), x.Method)).ToList();
            if (found.Count > 0)
            {
                return found;
            }
        }
        return [];
    }

    // NestJS: the application's global prefix (unless excluded) and the URI version of the controller, from the
    // setGlobalPrefix / enableVersioning nearest the file (a monorepo has one per application).
    private List<KgRouteStep> NestPrefixes(int f, KgRouteStep classStep, string? version, KgRouteStep route)
    {
        var steps = new List<KgRouteStep>();
        if (Nearest(f, "global") is var (gf, global) && global is not null)
        {
            var local = RoutePaths.Normalize(RoutePaths.Join(classStep.Value, route.Value)).TrimEnd('/');
            var excluded = (global.Child ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Any(e => RoutePaths.Normalize(e).TrimEnd('/').Equals(local, StringComparison.OrdinalIgnoreCase));
            if (!excluded && PrefixStep(gf, global, "global") is { } step)
            {
                steps.Add(step);
            }
        }
        if (version is not null && Nearest(f, "versioning") is var (vf, versioning) && versioning is not null)
        {
            steps.Add(new KgRouteStep("version", (versioning.Path ?? "v") + version, _files[vf].Path, versioning.Line));
        }
        return steps;
    }

    private (int File, RouteFact? Fact) Nearest(int f, string kind)
    {
        var path = _files[f].Path;
        var best = (-1, (RouteFact?)null);
        var bestLength = -1;
        for (var g = 0; g < _files.Count; g++)
        {
            foreach (var r in _files[g].Facts.Routes.Where(r => r.Kind == kind))
            {
                var dir = System.IO.Path.GetDirectoryName(_files[g].Path)?.Replace('\\', '/') ?? "";
                var length = CommonPrefix(dir + "/", path);
                if (length > bestLength)
                {
                    (best, bestLength) = ((g, r), length);
                }
            }
        }
        return best;
    }

    // Every chain of prefixes from a router up to the routers it hangs from, outermost first.
    private List<List<KgRouteStep>> Chains(string key, List<KgRouteStep> suffix)
    {
        var results = new List<List<KgRouteStep>>();
        Walk(key, suffix, new HashSet<string>(StringComparer.Ordinal), results);
        return results;
    }

    private void Walk(string key, List<KgRouteStep> suffix, HashSet<string> seen, List<List<KgRouteStep>> results)
    {
        if (results.Count >= MaxChains)
        {
            return;
        }
        var current = _ownPrefix.TryGetValue(key, out var own) ? [own, .. suffix] : suffix;
        if (!_routeEdges.TryGetValue(key, out var parents) || parents.Count == 0 || seen.Count > 12 || !seen.Add(key))
        {
            results.Add(current);
            return;
        }
        var other = parents.Any(p => !ReferenceEquals(p.Step, Returned));
        foreach (var (parent, step) in parents)
        {
            var target = Find(parent);
            if (ReferenceEquals(step, Returned))
            {
                if (other && !_routeEdges.ContainsKey(target) && !_ownPrefix.ContainsKey(target))
                {
                    continue; // the function's result goes nowhere else
                }
                Walk(target, current, seen, results);
                continue;
            }
            Walk(target, step is null ? current : [step, .. current], seen, results);
        }
        seen.Remove(key);
    }

    private void EmitEndpoint(int f, RouteFact r, string methods, List<KgRouteStep> steps, string handler, double confidence, List<RouteParameter>? parameters)
    {
        var route = RoutePaths.Normalize(steps.Select(s => s.Value).Aggregate("", RoutePaths.Join));
        var (openApi, names) = RoutePaths.OpenApi(route);
        var composition = steps.Where(s => s.Value.Length > 0 || s.Unresolved is not null || s.Kind == "route").ToList();
        var kgParameters = EndpointParameters(_files[f].Spec.Id, names, parameters);
        var body = RequestBody(f, r, names, parameters);
        var response = ResponseType(f, r);
        var security = EndpointSecurity(f, r);
        foreach (var verb in methods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct())
        {
            var id = $"endpoint:{verb} {route} @{_files[f].Path}:{r.Line}";
            var node = Node(new KgNode
            {
                Id = id, Kind = "endpoint", Name = $"{verb} {route}", Language = _files[f].Spec.Id, File = _files[f].Path,
                Range = new TextRange(r.Line, 1, r.Line, 1),
                Properties = new(StringComparer.Ordinal) { ["method"] = verb, ["route"] = route, ["handler"] = handler },
                Endpoint = new KgEndpoint
                {
                    Method = verb, Path = openApi, Route = route, Parameters = kgParameters, Body = body, Response = response, Security = security,
                    Composition = composition,
                },
            });
            _ = node;
            Edge(handler, id, "EXPOSES", Parsed, confidence, r.Line);
        }
    }

    // Path parameters from the route; query, header and cookie parameters from the handler's signature where the
    // framework binds them from it: explicit markers, else (FastAPI, Spring, ASP.NET) scalar types not in the path.
    private static List<KgRouteParameter>? EndpointParameters(string language, List<string> pathNames, List<RouteParameter>? declared)
    {
        var list = pathNames.Distinct().Select(n => new KgRouteParameter(n, "path", declared?.FirstOrDefault(d => d.Name == n)?.Type, true)).ToList();
        foreach (var p in declared ?? [])
        {
            if (p.Name == "*" || pathNames.Contains(p.Name))
            {
                continue;
            }
            var source = p.Source ?? language switch
            {
                "python" => p.Type is null || RoutePaths.IsScalar(p.Type) ? "query" : null,
                "java" or "csharp" => RoutePaths.IsScalar(p.Type) ? "query" : null,
                _ => null,
            };
            if (source is "query" or "header" or "cookie")
            {
                list.Add(new KgRouteParameter(p.Name, source, p.Type, !p.Optional));
            }
        }
        return list.Count == 0 ? null : list;
    }
}
