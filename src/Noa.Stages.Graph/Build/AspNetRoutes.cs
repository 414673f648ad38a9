using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Build;

// ASP.NET Core controllers: attribute routes ([Route] on the class, inherited from a base controller, joined with
// [HttpX("t")]/[Route("t")] on the action; [controller]/[action] tokens, transformed when the app registers a
// RouteTokenTransformerConvention) and conventional routes (MapControllerRoute's template for the public methods of
// controllers that have no attribute route).
internal sealed partial class GraphBuilder
{
    private void AddAspNetEndpoints(SortedDictionary<int, List<RouteFact>> methods)
    {
        var transform = AspNetTransform();
        var attributeRouted = new HashSet<int>();
        foreach (var (g, facts) in methods)
        {
            var (f, _) = _defs[g];
            var type = EnclosingType(g);
            var controller = type >= 0 ? ControllerName(Def(type).Name) : "";
            var action = ActionName(Def(g).Name);
            var classes = type >= 0 ? ClassTemplates(type, 0) : [];
            var verbs = facts.Where(x => x.Method != "ANY" && (x.Path ?? "").Length == 0).Select(x => x.Method!).ToList();
            var combos = facts.Where(x => x.Method != "ANY" && (x.Path ?? "").Length > 0).Select(x => (Verb: x.Method!, Fact: x)).ToList();
            foreach (var route in facts.Where(x => x.Method == "ANY"))
            {
                combos.AddRange(verbs.Count == 0 ? [("ANY", route)] : verbs.Select(v => (v, route)));
            }
            if (combos.Count == 0 && classes.Count > 0)
            {
                combos.AddRange(verbs.Select(v => (v, facts[0] with { Path = "" })));
            }
            foreach (var (verb, fact) in combos)
            {
                var template = fact.Path ?? "";
                var own = new KgRouteStep("route", RoutePaths.Tokens(template, controller, action, transform), _files[f].Path, fact.Line);
                if (template.StartsWith('/') || template.StartsWith("~/", StringComparison.Ordinal) || classes.Count == 0)
                {
                    if (template.Length == 0)
                    {
                        continue; // [HttpGet] with no route anywhere: conventional routing decides (below)
                    }
                    EmitEndpoint(f, fact, verb, [own], _defIds[g], 1.0, fact.Parameters);
                    attributeRouted.Add(g);
                    continue;
                }
                foreach (var c in classes)
                {
                    var step = c with { Value = RoutePaths.Tokens(c.Value, controller, action, transform) };
                    EmitEndpoint(f, fact, verb, [step, own], _defIds[g], 1.0, fact.Parameters);
                }
                attributeRouted.Add(g);
            }
        }
        AddConventionalEndpoints(attributeRouted, transform);
    }

    // Public methods of controllers under a conventional template (MapControllerRoute, MapDefaultControllerRoute), when
    // neither they nor their class have an attribute route; a controller with a class route and an action without
    // attributes answers any verb at the class route.
    private void AddConventionalEndpoints(HashSet<int> attributeRouted, Func<string, string> transform)
    {
        for (var f = 0; f < _files.Count; f++)
        {
            foreach (var action in _files[f].Facts.Routes.Where(r => r.Kind == "action" && r.Owner >= 0))
            {
                var g = _global[f][action.Owner];
                if (attributeRouted.Contains(g))
                {
                    continue;
                }
                var type = EnclosingType(g);
                if (type < 0)
                {
                    continue;
                }
                var controller = ControllerName(Def(type).Name);
                var name = ActionName(Def(g).Name);
                var classes = ClassTemplates(type, 0);
                if (classes.Count > 0)
                {
                    if (!_files[f].Facts.Routes.Any(r => r.Kind == "handler" && r.Owner == action.Owner))
                    {
                        foreach (var c in classes)
                        {
                            var step = c with { Value = RoutePaths.Tokens(c.Value, controller, name, transform) };
                            EmitEndpoint(f, action, action.Method ?? "ANY", [step, new KgRouteStep("route", "", _files[f].Path, action.Line)], _defIds[g], 1.0, action.Parameters);
                        }
                    }
                    continue;
                }
                if (Nearest(f, "convention") is not (var cf, { Path: { } template } convention))
                {
                    continue;
                }
                var slug = _files.Any(x => x.Facts.Routes.Any(r => r.Kind == "transform")) ? transform : null;
                if (RoutePaths.Conventional(template, controller, name, slug) is { } path)
                {
                    var step = new KgRouteStep("convention", path, _files[cf].Path, convention.Line);
                    EmitEndpoint(f, action, action.Method ?? "ANY", [step, new KgRouteStep("route", "", _files[f].Path, action.Line)], _defIds[g], 1.0, action.Parameters);
                }
            }
        }
    }

    // A controller's [Route] templates: its own, else its base class's (RouteAttribute is inherited).
    private List<KgRouteStep> ClassTemplates(int type, int depth)
    {
        var (f, index) = _defs[type];
        var own = _files[f].Facts.Routes.Where(r => r.Kind == "class" && r.Owner == index)
            .Select(r => new KgRouteStep("class", r.Path ?? "", _files[f].Path, r.Line)).ToList();
        if (own.Count > 0 || depth >= 3)
        {
            return own;
        }
        foreach (var inherit in _files[f].Facts.Inherits.Where(i => i.Owner == index && !i.Implements))
        {
            var (_, baseName) = SplitQualified(StripType(inherit.Base));
            foreach (var b in Visible(f, baseName, types: true).Where(b => b != type))
            {
                if (ClassTemplates(b, depth + 1) is { Count: > 0 } inherited)
                {
                    return inherited;
                }
            }
        }
        return [];
    }

    // The token transformer an app registers (options.Conventions.Add(new RouteTokenTransformerConvention(new
    // SlugifyParameterTransformer()))): kebab-case for a slugify/kebab transformer, else the names as they are.
    private Func<string, string> AspNetTransform()
    {
        foreach (var file in _files)
        {
            foreach (var r in file.Facts.Routes.Where(r => r.Kind == "transform"))
            {
                if (r.Handler is { } type && (type.Contains("slug", StringComparison.OrdinalIgnoreCase) || type.Contains("kebab", StringComparison.OrdinalIgnoreCase)))
                {
                    return RoutePaths.Kebab;
                }
            }
        }
        return static s => s;
    }

    private static string ControllerName(string type) =>
        type.EndsWith("Controller", StringComparison.Ordinal) && type.Length > "Controller".Length ? type[..^"Controller".Length] : type;

    // ASP.NET Core leaves "Async" out of action names (MvcOptions.SuppressAsyncSuffixInActionNames, on by default).
    private static string ActionName(string method) =>
        method.EndsWith("Async", StringComparison.Ordinal) && method.Length > 5 ? method[..^5] : method;

    // A typegroup (`app.MapGroup($"/api/{type.Name}")` for every type that implements the base): each such type's
    // methods that take a router get the group under the fact's parent, with the type's own prefix, or the value of the
    // property that overrides it (`static string? RoutePrefix => "/api/lists/{id}/items"`) when the type declares one.
    private void LinkTypeGroup(int f, RouteFact r)
    {
        if (r.Handler is null || r.Path is null || RouterKey(f, r.Owner, r.Parent) is not { } parent)
        {
            return;
        }
        var baseName = SplitQualified(StripType(r.Handler)).Name;
        foreach (var (g, ps) in _routeParams)
        {
            var type = EnclosingType(g);
            if (type < 0 || ps.Parameters is not { Count: > 0 } parameters || !Derives(type, baseName, 0))
            {
                continue;
            }
            var tf = _defs[type].File;
            var own = r.Child is null ? null : _files[tf].Facts.Routes.FirstOrDefault(c => c.Kind == "constant" && c.Router == r.Child && c.Path is not null);
            var step = own is not null
                ? new KgRouteStep("group", own.Path!, _files[tf].Path, own.Line)
                : new KgRouteStep("group", r.Path.Replace("{@type}", Def(type).Name, StringComparison.Ordinal), _files[f].Path, r.Line);
            for (var i = 0; i < parameters.Count; i++)
            {
                Link($"p|{g}|{i}", parent, step);
            }
        }
    }

    // Whether a type implements or derives from the type named baseName, directly or through its bases in the source.
    private bool Derives(int type, string baseName, int depth)
    {
        var (f, index) = _defs[type];
        foreach (var inherit in _files[f].Facts.Inherits.Where(i => i.Owner == index))
        {
            var (_, name) = SplitQualified(StripType(inherit.Base));
            if (name == baseName || (depth < 3 && Visible(f, name, types: true).Any(b => b != type && Derives(b, baseName, depth + 1))))
            {
                return true;
            }
        }
        return false;
    }
}
