using System.Text.RegularExpressions;
using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Model;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

/// <summary>
/// Parses one file and turns the matches of its grammar's query (see <c>Queries/README.md</c>) into
/// <see cref="FileFacts"/>. One per thread: it owns a parser and a query cursor.
/// </summary>
internal sealed partial class FileExtractor : IDisposable
{
    /// <summary>Bump when the facts' shape or meaning changes: cached facts of older versions are ignored.</summary>
    public const int Version = 5;

    private readonly Parser _parser = new();
    private readonly StringPool _pool = new();
    private readonly QueryCursor _cursor = new();
    private readonly TimeSpan _timeout;

    public FileExtractor(TimeSpan parseTimeout) => _timeout = parseTimeout;

    /// <summary>Extracts the facts of <paramref name="source"/>; null with a reason when it cannot be parsed.</summary>
    public (FileFacts? Facts, string? Reason) Extract(byte[] source, string grammar)
    {
        var query = QuerySet.Get(grammar);
        if (query is null)
        {
            return (null, $"no graph query for {grammar}");
        }
        using var tree = _parser.Parse(source, Language.Get(grammar), _timeout);
        if (tree is null)
        {
            return (null, $"parse did not finish within {_timeout.TotalSeconds:0} s");
        }
        var root = tree.Root;
        var facts = new FileFacts
        {
            Status = root.HasError ? "partial" : "parsed",
            Lines = (int)root.End.Row + 1,
        };
        var matches = _cursor.Matches(query, root);
        var defs = CollectDefinitions(matches, query, facts, _pool);
        var routes = new RouteCollector(defs, facts);
        foreach (var match in matches)
        {
            AddOther(match, query, defs, facts, _pool, routes);
        }
        routes.Finish();
        if (root.Kind == "module")
        {
            PythonDependencies.Collect(root, defs, facts);
        }
        return (facts, null);
    }

    // Definitions first: every other fact refers to its enclosing definition.
    private static Definitions CollectDefinitions(List<QueryMatch> matches, Query query, FileFacts facts, StringPool pool)
    {
        var found = new Dictionary<(int, int, string), Pending>();
        foreach (var match in matches)
        {
            Node node = default;
            string? kind = null;
            foreach (var c in match.Captures)
            {
                if (c.Name.StartsWith("definition.", StringComparison.Ordinal))
                {
                    node = c.Node;
                    kind = pool.Get(c.Name["definition.".Length..]);
                    break;
                }
            }
            if (kind is null)
            {
                continue;
            }
            var nameNode = match["name"];
            var name = nameNode.IsNull ? null : Literals.Unquote(nameNode.Text);
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }
            // One node may define several names (`int a, b;`, `const x = 1, y = 2`): the name is part of the key.
            var key = (node.StartByte, node.EndByte, name);
            var test = !match["test"].IsNull || query.Properties(match.Pattern).ContainsKey("test");
            var docs = match.Captures.Where(c => c.Name == "doc").Select(c => c.Node.Text).Where(d => IsDoc(d, query.Language.Name)).ToList();
            if (docs.Count == 0 && LeadingTrivia(node, query.Language.Name, docs))
            {
                test = true;
            }
            var receiver = match["receiver"] is { IsNull: false } r ? Literals.OneLine(r.Text, 80) : null;
            if (found.TryGetValue(key, out var existing))
            {
                // Several patterns may match one node: the more specific kind wins (method over function), facts merge.
                if (existing.Kind == "function" && kind != "function")
                {
                    existing.Kind = kind;
                }
                existing.Test |= test;
                existing.Docs.AddRange(docs);
                existing.Receiver ??= receiver;
                continue;
            }
            found[key] = new Pending(node, pool.Get(name), kind, docs, test, receiver is null ? null : pool.Get(receiver));
        }
        var ordered = found.Values.OrderBy(p => p.Node.StartByte).ThenByDescending(p => p.Node.EndByte).ToList();
        var result = new Definitions(ordered);
        var stack = new Stack<int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var p = ordered[i];
            while (stack.Count > 0 && (ordered[stack.Peek()].Node.EndByte <= p.Node.StartByte || ordered[stack.Peek()].Node == p.Node))
            {
                stack.Pop();
            }
            var parent = stack.Count > 0 ? stack.Peek() : -1;
            result.Parents[i] = parent;
            stack.Push(i);
            var (type, optional) = FieldTypes.Of(p.Node, p.Kind);
            facts.Definitions.Add(new DefinitionFact(p.Name, p.Kind, Range(p.Node), parent,
                p.Docs.Count > 0 ? Literals.Doc(p.Docs) : null, Signature(p.Node, p.Kind), p.Test, p.Receiver, SelfName(p.Node), type, optional));
        }
        return result;
    }

    private static void AddOther(QueryMatch match, Query query, Definitions defs, FileFacts facts, StringPool pool, RouteCollector routes)
    {
        foreach (var capture in match.Captures)
        {
            var node = capture.Node;
            var line = node.Line;
            switch (capture.Name)
            {
                case "reference.call" or "reference.type":
                    if (Name(match["name"]) is { } called)
                    {
                        var receiver = match["receiver"] is { IsNull: false } rn ? pool.Get(Literals.OneLine(rn.Text, 120)) : null;
                        facts.References.Add(new ReferenceFact(pool.Get(called), capture.Name == "reference.call" ? "call" : "type", receiver, defs.Owner(node), line));
                    }
                    return;
                case "import":
                    AddImport(match, node, facts);
                    return;
                case "inherits":
                    var owner = defs.At(node);
                    var ownerName = owner < 0 ? Name(match["name"]) : null;
                    foreach (var c in match.Captures)
                    {
                        if (c.Name is "base" or "implements" && Name(c.Node) is { } b)
                        {
                            facts.Inherits.Add(new InheritFact(owner, ownerName, Literals.OneLine(c.Node.Text, 160), c.Name == "implements", c.Node.Line));
                        }
                    }
                    return;
                case "endpoint":
                    AddEndpoint(match, query, node, defs, routes);
                    return;
                case "route.router" or "route.mount" or "route.global" or "route.versioning" or "route.convention" or "route.transform"
                    or "route.controller" or "route.constant":
                    routes.Add(match, query, node, capture.Name);
                    return;
                case "entry":
                    AddEntry(match, query, node, defs, facts, pool);
                    return;
                case "config.options":
                    // Options bound to a section: the section and the options type, whose properties are the keys.
                    if (Name(match["config.options.section"]) is { } section && Name(match["config.options.type"]) is { } type)
                    {
                        facts.Surface.Add(new SurfaceFact("options", section, null, pool.Get(type), defs.Owner(node), line));
                    }
                    return;
                case "config.env" when IsAssigned(node):
                    return; // process.env.X = '0', os.environ["X"] = …: the process sets it for itself or its children, no one configures it
                case "config.env" or "config.key" or "cli.flag" or "cli.command" or "http.url":
                    if (Literals.Unquote(node.Text) is { Length: > 0 and < 300 } value)
                    {
                        if (capture.Name == "cli.command" && value.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space)
                        {
                            value = value[..space]; // cobra's Use: "serve [flags]"
                        }
                        var kind = capture.Name switch
                        {
                            "config.env" => "env", "config.key" => "config", "cli.flag" => "flag", "cli.command" => "command", _ => "url",
                        };
                        facts.Surface.Add(new SurfaceFact(kind, value, null, null, defs.Owner(node), line));
                    }
                    break;
                case "store.call":
                    if (Name(match["name"]) is { } method)
                    {
                        var on = match["receiver"] is { IsNull: false } recv ? Literals.OneLine(recv.Text, 80) : null;
                        facts.Surface.Add(new SurfaceFact("store-call", method, null, null, defs.Owner(node), line, on));
                    }
                    return;
            }
        }
    }

    /// <summary>Whether a variable's name is in the expression an assignment writes (<c>process.env.X = v</c>, <c>os.environ["X"] = v</c>).</summary>
    private static bool IsAssigned(Node name)
    {
        var read = name.Parent;
        var parent = read.Parent;
        return parent.Kind is "assignment_expression" or "assignment" or "augmented_assignment_expression" && parent.Field("left").Equals(read);
    }

    private static void AddImport(QueryMatch match, Node node, FileFacts facts)
    {
        var module = match["import.module"] is { IsNull: false } m ? Literals.Unquote(m.Text) : null;
        var name = match["import.name"] is { IsNull: false } n ? Literals.OneLine(n.Text, 200) : null;
        var alias = match["import.alias"] is { IsNull: false } a ? a.Text : null;
        if (module is null && name is null)
        {
            return;
        }
        // Rust nested use trees: `use a::{b::{c, d}}` names c and d of a::b, not of b.
        for (var list = node.Parent; node.Kind == "scoped_use_list" && list.Kind == "use_list" && list.Parent.Kind == "scoped_use_list"; list = list.Parent.Parent)
        {
            module = list.Parent.Field("path").Text + "::" + module;
        }
        facts.Imports.Add(new ImportFact(module ?? "", name, alias, node.Line));
    }

    // An entry-point pattern (Queries/Entries/): its kind from `#set! entry.kind`, the named object (`app`, the
    // Spring class, the host type) and, for a module-level `app = f()`, the called factory as the receiver. A file's
    // top-level statements are one entry (the first statement), not one per statement.
    private static void AddEntry(QueryMatch match, Query query, Node node, Definitions defs, FileFacts facts, StringPool pool)
    {
        if (!query.Properties(match.Pattern).TryGetValue("entry.kind", out var kind))
        {
            return;
        }
        if (kind == "top-level" && facts.Surface.Any(s => s.Kind == "entry" && s.Value == "top-level"))
        {
            return;
        }
        var name = Name(match["entry.name"]);
        var target = Name(match["entry.target"]);
        var at = defs.At(node);
        facts.Surface.Add(new SurfaceFact("entry", pool.Get(kind), null, name, at >= 0 ? at : defs.Owner(node), node.Line, target));
    }

    // Go: `func (srv *Server) Serve()` names its receiver srv.
    private static string? SelfName(Node node)
    {
        if (node.Kind != "method_declaration" || node.Field("receiver") is not { IsNull: false } receiver)
        {
            return null;
        }
        var first = receiver.NamedChildCount > 0 ? receiver.NamedChild(0) : default;
        return first.IsNull || first.Field("name") is not { IsNull: false } name ? null : name.Text;
    }

    private static bool IsAnnotation(string kind) =>
        kind.Contains("decorator", StringComparison.Ordinal) || kind.Contains("annotation", StringComparison.Ordinal) ||
        kind.Contains("attribute", StringComparison.Ordinal);

    private static string? Name(Node node) =>
        node.IsNull ? null : Literals.Unquote(node.Text) is { Length: > 0 } s ? Literals.OneLine(s, 200) : null;

    private static TextRange Range(Node node)
    {
        var start = node.Start;
        var end = node.End;
        return new TextRange((int)start.Row + 1, (int)start.Column + 1, (int)end.Row + 1, (int)end.Column + 1);
    }

    // The header of a definition: its text up to the body (or the first line), on one line.
    private static string? Signature(Node node, string kind)
    {
        var body = node.Field("body");
        var text = node.Text;
        if (!body.IsNull && body.StartByte > node.StartByte)
        {
            text = System.Text.Encoding.UTF8.GetString(node.Tree.Source, node.StartByte, body.StartByte - node.StartByte);
        }
        else if (kind is "class" or "interface" or "struct" or "record" or "enum" or "trait" or "namespace" or "module")
        {
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            text = newline < 0 ? text : text[..newline];
        }
        var line = Literals.OneLine(text).TrimEnd('{', ':', ' ', '=', '>');
        return line.Length == 0 ? null : line;
    }

    // Names repeat across a whole source (size, get, String): one string each keeps large graphs in memory bounds.
    private sealed class StringPool
    {
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

        public string Get(string s)
        {
            if (_strings.TryGetValue(s, out var pooled))
            {
                return pooled;
            }
            if (_strings.Count >= 200_000)
            {
                _strings.Clear();
            }
            _strings[s] = s;
            return s;
        }
    }

    public void Dispose()
    {
        _parser.Dispose();
        _cursor.Dispose();
    }

    internal sealed class Pending(Node node, string name, string kind, List<string> docs, bool test, string? receiver)
    {
        public Node Node { get; } = node;
        public string Name { get; } = name;
        public string Kind { get; set; } = kind;
        public List<string> Docs { get; } = docs;
        public bool Test { get; set; } = test;
        public string? Receiver { get; set; } = receiver;
    }
}
