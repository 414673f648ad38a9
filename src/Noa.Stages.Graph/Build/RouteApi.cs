using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Extraction;
using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Build;

// An endpoint's request body, response type and authorisation, and the fields of the types they name.
internal sealed partial class GraphBuilder
{
    private Dictionary<string, (string Scheme, string? Type)>? _secure;

    // Parameters FastAPI (and ASP.NET) reads from the request itself, never from the body.
    private static readonly HashSet<string> Framework = new(StringComparer.Ordinal)
    {
        "Request", "Response", "BackgroundTasks", "WebSocket", "HTTPConnection", "SecurityScopes", "HttpContext", "HttpRequest",
        "HttpResponse", "CancellationToken", "ClaimsPrincipal", "IFormFile", "IFormFileCollection", "Stream", "PipeReader",
    };

    // ASP.NET minimal APIs bind services by type: names that are services, not bodies.
    private static readonly string[] ServiceEndings = ["Service", "Repository", "Context", "Manager", "Factory", "Handler", "Client", "Provider", "Options", "Logger"];

    /// <summary>The request body: a parameter the code binds from it (FastAPI <c>Body()</c>, <c>@RequestBody</c>,
    /// <c>[FromBody]</c>, <c>@Body()</c>), or one the framework binds from it by its type (FastAPI, ASP.NET: a
    /// parameter whose type is a model defined in the source). Several FastAPI bodies are members of one object.</summary>
    private KgTypeUse? RequestBody(int f, RouteFact r, List<string> pathNames, List<RouteParameter>? declared)
    {
        var language = _files[f].Spec.Id;
        var owner = r.Owner >= 0 ? _global[f][r.Owner] : -1;
        var bodies = new List<(RouteParameter P, string? Schema)>();
        foreach (var p in declared ?? [])
        {
            if (p.Name == "*" || pathNames.Contains(p.Name) || p.Type is null)
            {
                continue;
            }
            var type = ResolveType(f, owner, p.Type);
            if (p.Source == "body" || (p.Source is null && language is "python" or "csharp" && type >= 0 && !IsService(p.Type, type, language)))
            {
                bodies.Add((p, TypeSchema(f, owner, p.Type)));
            }
        }
        if (bodies.Count == 0)
        {
            return null;
        }
        var (first, firstSchema) = bodies[0];
        var file = _files[f].Path;
        if (bodies.Count == 1)
        {
            return new KgTypeUse(first.Type!, file, first.Line > 0 ? first.Line : r.Line, firstSchema, first.Embed ? first.Name : null);
        }
        // FastAPI: several body parameters are members of one JSON object; the graph names the first and says so.
        return new KgTypeUse(first.Type!, file, first.Line > 0 ? first.Line : r.Line, firstSchema, first.Name);
    }

    private bool IsService(string type, int definition, string language)
    {
        var name = KgTypes.Element(type)?.Name ?? "";
        return Framework.Contains(name) || (language == "csharp" && (ServiceEndings.Any(e => name.EndsWith(e, StringComparison.Ordinal))
            || Def(definition).Kind == "interface")) || (language == "python" && SecureDependencies().ContainsKey(name));
    }

    private KgTypeUse? ResponseType(int f, RouteFact r)
    {
        if (r.Response is not { } response || KgTypes.Element(response.Type) is null)
        {
            return null;
        }
        var owner = r.Owner >= 0 ? _global[f][r.Owner] : -1;
        return new KgTypeUse(response.Type, _files[f].Path, response.Line, TypeSchema(f, owner, response.Type));
    }

    /// <summary>The endpoint's authorisation: every marker of Spring, ASP.NET and NestJS; of FastAPI's dependencies those
    /// whose chain reaches a security scheme or a <c>Security()</c> marker.</summary>
    private List<KgSecurity>? EndpointSecurity(int f, RouteFact r)
    {
        var list = new List<KgSecurity>();
        var python = _files[f].Spec.Id == "python";
        foreach (var s in r.Security ?? [])
        {
            if (!python)
            {
                list.Add(new KgSecurity(s.Marker, s.Scheme, null, s.Roles, _files[f].Path, s.Line));
                continue;
            }
            var secure = s.Scheme is null ? default : SecureDependencies().GetValueOrDefault(s.Scheme);
            if (secure.Scheme is not null)
            {
                list.Add(new KgSecurity(s.Marker, secure.Scheme, secure.Type, s.Roles, _files[f].Path, s.Line));
            }
            else if (s.Marker == "Security")
            {
                list.Add(new KgSecurity(s.Marker, s.Scheme, SchemeType(s.Scheme), s.Roles, _files[f].Path, s.Line));
            }
        }
        return list.Count == 0 ? null : [.. list.DistinctBy(s => (s.Marker, s.Scheme, s.Type))];
    }

    // FastAPI, across the Python files: the names (functions, Annotated aliases, scheme instances) whose dependency chain
    // reaches a security scheme, each with that scheme's name and how it sends credentials.
    private Dictionary<string, (string Scheme, string? Type)> SecureDependencies()
    {
        if (_secure is not null)
        {
            return _secure;
        }
        _secure = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        var depends = new List<RouteFact>();
        foreach (var file in _files.Where(x => x.Spec.Id == "python"))
        {
            foreach (var fact in file.Facts.Routes)
            {
                if (fact.Kind == "scheme" && fact.Router is { } name && fact.Handler is { } cls)
                {
                    _secure.TryAdd(name, (name, PythonDependencies.Schemes.GetValueOrDefault(cls)));
                }
                else if (fact.Kind == "depends" && fact.Router is not null && fact.Handler is not null)
                {
                    depends.Add(fact);
                }
            }
        }
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var d in depends)
            {
                if (_secure.ContainsKey(d.Router!))
                {
                    continue;
                }
                if (_secure.TryGetValue(d.Handler!, out var via))
                {
                    _secure[d.Router!] = via;
                    changed = true;
                }
                else if (d.Argument == 1 || PythonDependencies.Schemes.ContainsKey(d.Handler!))
                {
                    _secure[d.Router!] = (d.Handler!, SchemeType(d.Handler));
                    changed = true;
                }
            }
        }
        return _secure;
    }

    // A FastAPI security class, or a class of the source that derives from one (class RWAPIKeyHeader(APIKeyHeader)).
    private string? SchemeType(string? cls)
    {
        if (cls is null)
        {
            return null;
        }
        if (PythonDependencies.Schemes.TryGetValue(cls, out var type))
        {
            return type;
        }
        foreach (var g in _byName.GetValueOrDefault(cls) ?? [])
        {
            var (file, index) = _defs[g];
            foreach (var inherit in _files[file].Facts.Inherits.Where(i => i.Owner == index))
            {
                if (PythonDependencies.Schemes.TryGetValue(SplitQualified(StripType(inherit.Base)).Name, out var inherited))
                {
                    return inherited;
                }
            }
        }
        return null;
    }

    /// <summary>The id of the type node a declared type's element names, when it resolves to exactly one type of the
    /// source; its fields (and theirs, five levels deep) are put on the node.</summary>
    private string? TypeSchema(int f, int owner, string? written, int depth = 0)
    {
        var type = ResolveType(f, owner, written);
        if (type < 0)
        {
            return null;
        }
        var id = _defIds[type];
        if (_nodes.TryGetValue(id, out var node) && node.Fields is null && depth < 5)
        {
            node.Fields = []; // before the fields, so a type that contains itself ends here
            node.Fields.AddRange(Fields(type, depth, []));
        }
        return id;
    }

    // The one type of the source a declared type's element names, or -1.
    private int ResolveType(int f, int owner, string? written)
    {
        if (KgTypes.Element(written) is not { } element || RoutePaths.IsScalar(element.Name))
        {
            return -1;
        }
        // A qualified name (Create.Command, models.Item) is looked up in what its qualifier names.
        var at = written!.IndexOf("." + element.Name, StringComparison.Ordinal);
        var start = at;
        while (start > 0 && (char.IsLetterOrDigit(written[start - 1]) || written[start - 1] is '_' or '.'))
        {
            start--;
        }
        var qualifier = at > 0 && start < at ? written[start..at] : null;
        var (targets, _, _) = Lookup(f, owner, element.Name, qualifier, wantType: true);
        return targets.Count == 1 && Def(targets[0]).Kind is not ("enum" or "trait") ? targets[0] : -1;
    }

    private IEnumerable<KgField> Fields(int type, int depth, HashSet<int> seen)
    {
        if (!seen.Add(type) || seen.Count > 4)
        {
            yield break;
        }
        var (file, index) = _defs[type];
        foreach (var inherit in _files[file].Facts.Inherits.Where(i => i.Owner == index))
        {
            foreach (var b in Visible(file, SplitQualified(StripType(inherit.Base)).Name, types: true).Take(1))
            {
                foreach (var field in Fields(b, depth, seen))
                {
                    yield return field;
                }
            }
        }
        var members = _members.GetValueOrDefault(type)?.Values.SelectMany(v => v).Distinct().Order() ?? Enumerable.Empty<int>();
        foreach (var m in members)
        {
            var d = Def(m);
            if (d.Kind is "field" or "property" && d.Type is { } fieldType)
            {
                yield return new KgField(d.Name, fieldType, !d.Optional, TypeSchema(file, type, fieldType, depth + 1));
            }
        }
    }
}
