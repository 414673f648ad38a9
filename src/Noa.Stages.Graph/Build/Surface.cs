using Noa.Abstractions.Graph;

namespace Noa.Stages.Graph.Build;

// Behavioural surface (endpoints are in Routes.cs): config and environment reads (READS_CONFIG), CLI flags and commands,
// data stores (DEPENDS_ON from importing files, READS/WRITES from store calls) and external services (DEPENDS_ON
// from literal URLs); tests (TESTS: what each test calls); and data flow from endpoints along calls.
internal sealed partial class GraphBuilder
{
    private void AddSurface(int f)
    {
        var (path, spec, facts) = _files[f];
        var stores = StoresImported(f);
        foreach (var store in stores)
        {
            Edge(_fileIds[f], StoreNode(store), "DEPENDS_ON", Parsed, 0.9);
        }
        foreach (var s in facts.Surface)
        {
            var owner = s.Owner >= 0 ? _defIds[_global[f][s.Owner]] : _fileIds[f];
            switch (s.Kind)
            {
                case "env":
                    Edge(owner, SurfaceNode("env", s.Value, "environment variable", spec.Id), "READS_CONFIG", Parsed, 1.0, s.Line);
                    break;
                case "config":
                    var (key, fallback) = ConfigKey(s.Value); // @Value("${a.b:default}")
                    var config = SurfaceNode("config", key, "configuration key", spec.Id);
                    if (fallback is not null && !IsSecret(key, fallback))
                    {
                        _nodes[config].Properties!.TryAdd("default", fallback);
                    }
                    Edge(owner, config, "READS_CONFIG", Parsed, 0.9, s.Line);
                    break;
                case "flag":
                    Edge(owner, SurfaceNode("flag", s.Value, "command-line flag", spec.Id), "DEFINES", Parsed, 1.0, s.Line);
                    break;
                case "command":
                    Edge(owner, SurfaceNode("command", s.Value, "command-line subcommand", spec.Id), "DEFINES", Parsed, 1.0, s.Line);
                    break;
                case "url" when Uri.TryCreate(s.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0:
                    Edge(owner, SurfaceNode("service", uri.Host, "external service", null), "DEPENDS_ON", Parsed, 0.9, s.Line);
                    break;
                case "store-call" when stores.Count > 0:
                    var store = stores.Count == 1 ? stores[0] : stores.FirstOrDefault(k => (s.Receiver ?? "").Contains(k, StringComparison.OrdinalIgnoreCase)) ?? stores[0];
                    Edge(owner, StoreNode(store), StoreVerbs.IsWrite(s.Value) ? "WRITES" : "READS", Heuristic, stores.Count == 1 ? 0.7 : 0.5, s.Line);
                    break;
            }
        }
        _ = path;
    }

    private string SurfaceNode(string kind, string value, string description, string? language)
    {
        var id = $"{kind}:{value}";
        if (!_nodes.ContainsKey(id))
        {
            Node(new KgNode { Id = id, Kind = kind, Name = value, Language = language, Properties = new(StringComparer.Ordinal) { ["description"] = description } });
        }
        return id;
    }

    private string StoreNode(string store) => SurfaceNode("store", store, StoreVerbs.Describe(store), null);

    private List<string> StoresImported(int f)
    {
        var spec = _files[f].Spec;
        return _files[f].Facts.Imports.Select(i => StoreVerbs.StoreOf(spec.Id, i.Module.Length > 0 ? i.Module : i.Name ?? ""))
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    // TESTS: each test definition (and the definitions nested in it) → what it calls, other tests excluded.
    private void AddTests()
    {
        var tests = _nodes.Values.Where(n => n.Flags?.Contains("test") == true).ToList();
        if (tests.Count == 0)
        {
            return;
        }
        // Only the tests' own calls: a large source has hundreds of thousands of CALLS edges.
        var ids = tests.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var calls = _edges.Where(e => e.Kind == "CALLS" && ids.Contains(e.Src)).ToLookup(e => e.Src, StringComparer.Ordinal);
        foreach (var node in tests)
        {
            foreach (var call in calls[node.Id])
            {
                if (_nodes.TryGetValue(call.Dst, out var target) && target.Flags?.Contains("test") != true)
                {
                    Edge(node.Id, call.Dst, "TESTS", call.Provenance, call.Confidence, call.Line);
                }
            }
        }
    }

    // From each endpoint's handler along CALLS (depth 8): the config, stores and services reached.
    private List<KgFlow> TraceFlows()
    {
        var flows = new List<KgFlow>();
        var endpoints = _edges.Where(e => e.Kind == "EXPOSES").OrderBy(e => e.Dst, StringComparer.Ordinal).ThenBy(e => e.Src, StringComparer.Ordinal).ToList();
        if (endpoints.Count == 0)
        {
            return flows;
        }
        var byKind = _edges.Where(e => e.Kind is "READS_CONFIG" or "READS" or "WRITES" or "DEPENDS_ON" or "CALLS").ToLookup(e => e.Src, StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { endpoint.Src };
            var frontier = new List<string> { endpoint.Src };
            var config = new SortedSet<string>(StringComparer.Ordinal);
            var stores = new SortedSet<string>(StringComparer.Ordinal);
            var services = new SortedSet<string>(StringComparer.Ordinal);
            for (var depth = 0; depth < 8 && frontier.Count > 0; depth++)
            {
                var next = new List<string>();
                foreach (var src in frontier)
                {
                    foreach (var e in byKind[src])
                    {
                        switch (e.Kind)
                        {
                            case "READS_CONFIG": config.Add(e.Dst); break;
                            case "READS" or "WRITES": stores.Add(e.Dst); break;
                            case "DEPENDS_ON" when e.Dst.StartsWith("service:", StringComparison.Ordinal): services.Add(e.Dst); break;
                            case "CALLS" when e.Confidence >= 0.5 && seen.Add(e.Dst): next.Add(e.Dst); break;
                        }
                    }
                }
                frontier = next;
            }
            flows.Add(new KgFlow(endpoint.Dst, endpoint.Src, config.ToList(), stores.ToList(), services.ToList()));
        }
        return flows;
    }
}
