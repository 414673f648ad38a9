using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Languages;
using Noa.Stages.Graph.Model;
using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Build;

/// <summary>One file's facts with its path and language.</summary>
internal sealed record SourceFacts(string Path, LanguageSpec Spec, FileFacts Facts);

/// <summary>
/// Turns per-file facts into the knowledge graph: nodes for directories, files and definitions with SCIP-style ids;
/// structure edges; imports resolved through each language's module naming; then calls, references, inheritance and
/// surface (in the other parts of this class). Deterministic: the same facts give the same graph. It consumes the facts: a
/// file's references are let go once they are edges, so build once per extraction.
/// </summary>
internal sealed partial class GraphBuilder
{
    private const string Parsed = "tree-sitter";
    private const string Heuristic = "heuristic";

    private readonly List<SourceFacts> _files;
    private readonly string[] _fileIds;
    private readonly List<(int File, int Index)> _defs = [];
    private readonly int[][] _global; // per file: definition index → global definition number
    private readonly string[] _defIds;
    private readonly Dictionary<string, KgNode> _nodes = new(StringComparer.Ordinal);
    private readonly HashSet<KgEdge> _edges = new(EdgeKey.Instance); // one edge per (src, dst, kind)
    private readonly Dictionary<string, List<int>> _moduleIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _packages = new(StringComparer.Ordinal);
    private readonly string?[] _packageOf; // per file: its package scope (LanguageSpec.PackageScope), if its language has one
    private readonly Dictionary<string, Dictionary<string, List<int>>> _packageLevel = new(StringComparer.Ordinal); // package → name → definitions
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>>[] _topLevel; // per file: scope-level definitions by name
    private readonly Dictionary<int, Dictionary<string, List<int>>> _members = [];
    private readonly Scope[] _scopes;
    private readonly Scopes _scoping;
    private readonly KgStats _stats;

    public GraphBuilder(IEnumerable<SourceFacts> files, KgStats stats, Scopes? scopes = null)
    {
        _scoping = scopes ?? new Scopes();
        _files = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        _stats = stats;
        _fileIds = new string[_files.Count];
        _global = new int[_files.Count][];
        _topLevel = new Dictionary<string, List<int>>[_files.Count];
        _scopes = new Scope[_files.Count];
        _packageOf = new string?[_files.Count];
        for (var f = 0; f < _files.Count; f++)
        {
            var facts = _files[f].Facts;
            _global[f] = new int[facts.Definitions.Count];
            _topLevel[f] = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < facts.Definitions.Count; i++)
            {
                _global[f][i] = _defs.Count;
                _defs.Add((f, i));
            }
        }
        _defIds = new string[_defs.Count];
    }

    /// <summary>Builds the graph.</summary>
    public KnowledgeGraph Build()
    {
        AddStructure();
        IndexModules();
        for (var f = 0; f < _files.Count; f++)
        {
            _scopes[f] = ResolveImports(f);
        }
        NestReceiverMethods();
        for (var f = 0; f < _files.Count; f++)
        {
            ResolveReferences(f);
            ResolveInheritance(f);
            AddSurface(f);
        }
        AddRoutes();
        AddTests();
        AddEntryPoints();
        AddProjects();
        AddTasks();
        AddConfigSurface();
        var flows = TraceFlows();
        // Sorted in place (ids and edge keys are unique, so the order is total): no sorted copy of a large graph's
        // edges, no group per kind.
        var nodes = new List<KgNode>(_nodes.Values);
        nodes.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var edges = new List<KgEdge>(_edges);
        _edges.Clear();
        _edges.TrimExcess();
        edges.Sort(EdgeKey.Order);
        var graph = new KnowledgeGraph { Stats = _stats, Nodes = nodes, Edges = edges, Flows = flows };
        Count(_stats.Nodes, nodes, n => n.Kind);
        Count(_stats.Edges, edges, e => e.Kind);
        return graph;
    }

    // Directories, files and definitions, with CONTAINS (directory → directory/file) and DEFINES (file or
    // enclosing definition → definition).
    private void AddStructure()
    {
        for (var f = 0; f < _files.Count; f++)
        {
            var (path, spec, facts) = _files[f];
            _fileIds[f] = Symbols.File(spec.Manager, path);
            _stats.Languages[spec.Id] = _stats.Languages.GetValueOrDefault(spec.Id) + 1;
            var file = Node(new KgNode
            {
                Id = _fileIds[f], Kind = "file", Name = System.IO.Path.GetFileName(path), Language = spec.Id, File = path,
                Range = new TextRange(1, 1, facts.Lines, 1),
                Flags = facts.Status == "partial" ? ["partial"] : null,
                Properties = new(StringComparer.Ordinal) { ["scope"] = _scoping.Of(path) },
            });
            AddDirectories(path, file.Id);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < facts.Definitions.Count; i++)
            {
                var d = facts.Definitions[i];
                var parentId = d.Parent < 0 ? _fileIds[f] : _defIds[_global[f][d.Parent]];
                var prefix = d.Parent < 0 ? _fileIds[f] : parentId;
                if (d.Receiver is { } receiver && d.Kind == "method" && (d.Parent < 0 || !facts.Definitions[d.Parent].IsType))
                {
                    prefix += Symbols.Escape(ReceiverType(receiver)) + "#"; // Go methods and Rust impl methods: Type#method().
                }
                var id = prefix + Symbols.Descriptor(d);
                if (!seen.TryAdd(id, 1))
                {
                    id = prefix + Symbols.Disambiguate(Symbols.Descriptor(d), seen[id]++);
                }
                var g = _global[f][i];
                _defIds[g] = id;
                var flags = IsTest(spec, path, d) ? new List<string> { "test" } : null;
                Node(new KgNode
                {
                    Id = id, Kind = d.Kind, Name = d.Name, Language = spec.Id, File = path, Range = d.Range,
                    Doc = d.Doc, Signature = d.Signature, Flags = flags,
                });
                Edge(parentId, id, "DEFINES", Parsed, 1.0);
                List(_byName, d.Name).Add(g);
                if (IsScopeLevel(f, i))
                {
                    List(_topLevel[f], d.Name).Add(g);
                }
                if (d.Parent >= 0)
                {
                    List(Members(_global[f][d.Parent]), d.Name).Add(g);
                }
            }
            if ((_packageOf[f] = spec.PackageScope(path, facts)) is { } package)
            {
                List(_packages, package).Add(f);
            }
        }
    }

    private void AddDirectories(string path, string childId)
    {
        var dir = System.IO.Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";
        while (true)
        {
            var id = Symbols.Directory(dir);
            Edge(id, childId, "CONTAINS", Parsed, 1.0);
            if (_nodes.ContainsKey(id))
            {
                return;
            }
            Node(new KgNode { Id = id, Kind = "directory", Name = dir.Length == 0 ? "." : System.IO.Path.GetFileName(dir), File = dir.Length == 0 ? "." : dir });
            if (dir.Length == 0)
            {
                return;
            }
            childId = id;
            dir = System.IO.Path.GetDirectoryName(dir)?.Replace('\\', '/') ?? "";
        }
    }

    // A test is a definition its framework runs as one: by attribute or annotation (JUnit, xUnit/NUnit/MSTest, Rust's
    // #[test]) anywhere, but by name or test-function call (pytest's test_*, Go's TestX, jest's it()/test()) only in a
    // file the framework collects, so a `test_connection()` in product code is not a test. JUnit 3 `testX` methods
    // count in test files.
    private bool IsTest(LanguageSpec spec, string path, DefinitionFact d)
    {
        var inTests = _scoping.IsTest(path);
        return spec.Id switch
        {
            "python" or "go" or "javascript" or "typescript" => d.Test && inTests,
            "java" => d.Test || (inTests && d.IsCallable && d.Name.StartsWith("test", StringComparison.Ordinal)),
            _ => d.Test,
        };
    }

    // Definitions visible by name at file scope: top-level ones, and those only inside namespaces/modules.
    private bool IsScopeLevel(int file, int index)
    {
        var defs = _files[file].Facts.Definitions;
        for (var p = defs[index].Parent; p >= 0; p = defs[p].Parent)
        {
            if (defs[p].Kind is not ("namespace" or "module"))
            {
                return false;
            }
        }
        return true;
    }

    // Go methods and Rust impl methods are declared outside their type: nest them under it (DEFINES type → method).
    private void NestReceiverMethods()
    {
        for (var f = 0; f < _files.Count; f++)
        {
            if (_files[f].Spec.Id is not ("go" or "rust"))
            {
                continue;
            }
            var defs = _files[f].Facts.Definitions;
            for (var i = 0; i < defs.Count; i++)
            {
                if (defs[i].Receiver is not { } receiver || defs[i].Kind != "method" || (defs[i].Parent >= 0 && defs[defs[i].Parent].IsType))
                {
                    continue;
                }
                var typeName = ReceiverType(receiver);
                var type = PackageLevel(f, typeName).Where(g => Def(g).IsType).DefaultIfEmpty(-1).First();
                if (type >= 0)
                {
                    Edge(_defIds[type], _defIds[_global[f][i]], "DEFINES", Parsed, 1.0);
                    List(Members(type), defs[i].Name).Add(_global[f][i]);
                }
            }
        }
    }

    // `(s *Server)`, `*Server`, `Server[T]`, `Vec<T>`, `&'a Foo` → the type's name.
    private static string ReceiverType(string receiver)
    {
        var text = receiver.Trim('(', ')').Trim();
        var angle = text.IndexOf('<', StringComparison.Ordinal);
        text = angle > 0 ? text[..angle] : text;
        var space = text.LastIndexOf(' ');
        text = space >= 0 ? text[(space + 1)..] : text;
        text = text.TrimStart('*', '&');
        var bracket = text.IndexOf('[', StringComparison.Ordinal);
        return bracket >= 0 ? text[..bracket] : text;
    }

    private DefinitionFact Def(int global) => _files[_defs[global].File].Facts.Definitions[_defs[global].Index];

    private Dictionary<string, List<int>> Members(int global)
    {
        if (!_members.TryGetValue(global, out var members))
        {
            _members[global] = members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        }
        return members;
    }

    private KgNode Node(KgNode node)
    {
        _nodes.TryAdd(node.Id, node);
        return _nodes[node.Id];
    }

    private void Edge(string src, string dst, string kind, string provenance, double confidence, int? line = null)
    {
        if (src == dst && kind is not "CALLS")
        {
            return;
        }
        var edge = new KgEdge(src, dst, kind, provenance, Math.Round(confidence, 2), line);
        if (_edges.TryGetValue(edge, out var existing))
        {
            if (existing.Confidence >= confidence)
            {
                return;
            }
            _edges.Remove(existing);
        }
        _edges.Add(edge);
    }

    private static void Count<T>(SortedDictionary<string, int> counts, List<T> items, Func<T, string> kind)
    {
        foreach (var item in items)
        {
            var k = kind(item);
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }
    }

    private static List<TValue> List<TKey, TValue>(IDictionary<TKey, List<TValue>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        return list;
    }
}
