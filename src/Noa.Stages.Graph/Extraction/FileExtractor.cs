using System.Text.RegularExpressions;
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
    public const int Version = 3;

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
        foreach (var match in matches)
        {
            AddOther(match, query, defs, facts, _pool);
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
            facts.Definitions.Add(new DefinitionFact(p.Name, p.Kind, Range(p.Node), parent,
                p.Docs.Count > 0 ? Literals.Doc(p.Docs) : null, Signature(p.Node, p.Kind), p.Test, p.Receiver, SelfName(p.Node)));
        }
        return result;
    }

    private static void AddOther(QueryMatch match, Query query, Definitions defs, FileFacts facts, StringPool pool)
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
                    AddEndpoint(match, query, node, defs, facts);
                    return;
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

    private static void AddImport(QueryMatch match, Node node, FileFacts facts)
    {
        var module = match["import.module"] is { IsNull: false } m ? Literals.Unquote(m.Text) : null;
        var name = match["import.name"] is { IsNull: false } n ? Literals.OneLine(n.Text, 200) : null;
        var alias = match["import.alias"] is { IsNull: false } a ? a.Text : null;
        if (module is null && name is null)
        {
            return;
        }
        facts.Imports.Add(new ImportFact(module ?? "", name, alias, node.Line));
    }

    private static readonly string[] Verbs = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static void AddEndpoint(QueryMatch match, Query query, Node node, Definitions defs, FileFacts facts)
    {
        var routeNode = match["endpoint.route"];
        var route = routeNode.IsNull ? "" : Literals.Unquote(routeNode.Text);
        if (route is null)
        {
            return; // an interpolated route is not a fact
        }
        var line = node.Line;
        var annotation = IsAnnotation(node.Kind);
        var properties = query.Properties(match.Pattern);
        var method = properties.TryGetValue("method", out var set) ? set.ToUpperInvariant() : Verb(match["endpoint.method"]);
        if (method == "ANY")
        {
            // Go 1.22 patterns ("GET /x"), and verbs spelled inside an annotation (methods=["POST"], RequestMethod.GET).
            var space = route.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && Verbs.Contains(route[..space]))
            {
                method = route[..space];
                route = route[(space + 1)..].Trim();
            }
            else if (annotation && VerbWord().Matches(node.Text).Select(v => v.Value).Distinct().ToList() is { Count: > 0 } verbs)
            {
                method = string.Join(",", verbs);
            }
        }
        var handlerNode = match["endpoint.handler"];
        if (!annotation)
        {
            if (IsPrefix(properties))
            {
                // A router group (MapGroup, gin's Group, axum's nest): recorded; joining it to the routes registered on
                // the group's variable needs data flow the graph does not have.
                facts.Surface.Add(new SurfaceFact("route-prefix", route, null, null, defs.Owner(node), line));
                return;
            }
            var handler = handlerNode.IsNull ? null : Literals.OneLine(handlerNode.Text, 120);
            facts.Surface.Add(new SurfaceFact("endpoint", route, method, handler, defs.Owner(node), line));
            return;
        }
        var decorated = defs.Decorated(node);
        var prefix = IsPrefix(properties) || (decorated >= 0 && !defs.IsCallable(decorated));
        facts.Surface.Add(new SurfaceFact(prefix ? "route-prefix" : "endpoint", route, prefix ? null : method, null, decorated, line));
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

    private static bool IsPrefix(IReadOnlyDictionary<string, string> properties) =>
        properties.ContainsKey("prefix") || (properties.TryGetValue("endpoint.kind", out var kind) && kind == "prefix");

    private static string Verb(Node node)
    {
        if (node.IsNull)
        {
            return "ANY";
        }
        var text = Literals.Unquote(node.Text) ?? node.Text;
        var constant = text.LastIndexOf("Method", StringComparison.Ordinal);
        if (constant >= 0 && Verbs.Contains(text[(constant + 6)..].ToUpperInvariant()))
        {
            return text[(constant + 6)..].ToUpperInvariant(); // Go's http.MethodGet
        }
        var word = VerbWord().Match(text.ToUpperInvariant());
        return word.Success && word.Value.Length >= text.Replace("Map", "", StringComparison.Ordinal).Replace("Http", "", StringComparison.Ordinal).Replace("Mapping", "", StringComparison.Ordinal).Length - 1
            ? word.Value
            : VerbPrefix().Match(text) is { Success: true } p ? p.Groups[1].Value.ToUpperInvariant() : "ANY";
    }

    /// <summary>The doc comments right above a definition (no blank line between), read from its preceding siblings
    /// (past Rust attributes, which may sit between); true when one of those attributes marks a Rust test.</summary>
    private static bool LeadingTrivia(Node node, string grammar, List<string> docs)
    {
        // The comment sits before the statement that holds the definition: `export const x = …` for the declarator x,
        // a decorated definition, a field declaration; climb to it (wrappers start on the definition's line).
        var start = node;
        for (var parent = node.Parent; !parent.IsNull && !IsContainer(parent.Kind)
             && (parent.Start.Row == start.Start.Row || parent.Kind is "export_statement" or "decorated_definition"); parent = parent.Parent)
        {
            start = parent;
        }
        var row = start.Start.Row;
        var test = false;
        var found = new List<string>();
        for (var prev = start.PreviousSibling; !prev.IsNull; prev = prev.PreviousSibling)
        {
            var kind = prev.Kind;
            // A line comment's node may end at column 0 of the next line (it holds the newline).
            var end = prev.End.Column == 0 && prev.End.Row > prev.Start.Row ? prev.End.Row - 1 : prev.End.Row;
            if (end + 1 < row && !(found.Count == 0 && IsBlockDoc(prev, grammar)))
            {
                break; // a blank line: not this definition's (except a Javadoc/JSDoc block, which says it is a doc)
            }
            if (kind is "comment" or "line_comment" or "block_comment")
            {
                var text = prev.Text;
                if (!IsDoc(text, grammar) || (grammar == "rust" && !RustDoc().IsMatch(text)))
                {
                    break;
                }
                found.Add(text);
            }
            else if (kind == "attribute_item")
            {
                test |= RustTest().IsMatch(prev.Text);
            }
            else
            {
                break;
            }
            row = prev.Start.Row;
        }
        found.Reverse();
        docs.AddRange(found);
        return test;
    }

    // `/** … */` right before a definition is its doc in Java, JS and TS even across blank lines (commander, express).
    private static bool IsBlockDoc(Node node, string grammar) =>
        grammar is "java" or "javascript" or "typescript" or "tsx" && node.Kind is "comment" or "block_comment"
        && node.Text.StartsWith("/**", StringComparison.Ordinal);

    private static bool IsContainer(string kind) => kind is "program" or "source_file" or "module" or "compilation_unit"
        or "class_body" or "statement_block" or "object" or "declaration_list" or "block" or "field_declaration_list"
        or "enum_body" or "interface_body" or "enum_variant_list" or "body_statement" or "namespace_body";

    [GeneratedRegex(@"^(///([^/]|$)|/\*\*[^*])")]
    private static partial Regex RustDoc();

    [GeneratedRegex(@"^#\[(\w+::)*(test|rstest|test_case|quickcheck)\b")]
    private static partial Regex RustTest();

    // Comments above a definition are its doc in Go, Python and Rust (the grammar tells doc comments apart); in the
    // C-family languages only the doc forms count: /** */ (Java, JS, TS) and /// (C#).
    private static bool IsDoc(string text, string grammar) => grammar switch
    {
        "java" or "javascript" or "typescript" or "tsx" => !text.StartsWith("/*", StringComparison.Ordinal) && !text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("/**", StringComparison.Ordinal),
        "csharp" => !text.StartsWith("/*", StringComparison.Ordinal) && !text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("///", StringComparison.Ordinal) || text.StartsWith("/**", StringComparison.Ordinal),
        _ => true,
    };

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

    [GeneratedRegex(@"\b(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\b")]
    private static partial Regex VerbWord();

    [GeneratedRegex(@"^(?:Map|Http)?(Get|Post|Put|Delete|Patch|Head|Options)(?:Mapping|Async)?$", RegexOptions.IgnoreCase)]
    private static partial Regex VerbPrefix();

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

    private sealed class Pending(Node node, string name, string kind, List<string> docs, bool test, string? receiver)
    {
        public Node Node { get; } = node;
        public string Name { get; } = name;
        public string Kind { get; set; } = kind;
        public List<string> Docs { get; } = docs;
        public bool Test { get; set; } = test;
        public string? Receiver { get; set; } = receiver;
    }

    // Definitions ordered by start (outer before inner), for "which definition encloses this node".
    private sealed class Definitions(List<Pending> ordered)
    {
        private readonly int[] _starts = ordered.Select(p => p.Node.StartByte).ToArray();
        public int[] Parents { get; } = new int[ordered.Count];

        /// <summary>The innermost definition containing <paramref name="node"/>, or -1.</summary>
        public int Owner(Node node)
        {
            var i = LastStartingAtOrBefore(node.StartByte);
            while (i >= 0 && ordered[i].Node.EndByte < node.EndByte)
            {
                i = Parents[i];
            }
            return i;
        }

        /// <summary>The definition whose node is exactly <paramref name="node"/>, or -1.</summary>
        public int At(Node node)
        {
            var i = Array.BinarySearch(_starts, node.StartByte);
            if (i < 0)
            {
                return -1;
            }
            while (i > 0 && _starts[i - 1] == node.StartByte)
            {
                i--;
            }
            for (; i < _starts.Length && _starts[i] == node.StartByte; i++)
            {
                if (ordered[i].Node.EndByte == node.EndByte)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>The definition an annotation belongs to: the callable containing it (Java, C#: annotations are
        /// inside the declaration), else the first definition after it (Python decorators, Rust attributes).</summary>
        public int Decorated(Node annotation)
        {
            var owner = Owner(annotation);
            if (owner >= 0 && (ordered[owner].Node.StartByte == annotation.StartByte || IsHeader(owner, annotation)))
            {
                return owner;
            }
            var next = LastStartingAtOrBefore(annotation.EndByte) + 1;
            while (next < ordered.Count && ordered[next].Node.StartByte < annotation.EndByte)
            {
                next++;
            }
            return next < ordered.Count ? next : owner;
        }

        public bool IsCallable(int index) => ordered[index].Kind is "function" or "method" or "constructor";

        // An annotation in a declaration's header (before its body), rather than somewhere in its body.
        private bool IsHeader(int owner, Node annotation)
        {
            var body = ordered[owner].Node.Field("body");
            return body.IsNull || annotation.EndByte <= body.StartByte;
        }

        private int LastStartingAtOrBefore(int offset)
        {
            var i = Array.BinarySearch(_starts, offset);
            if (i < 0)
            {
                return ~i - 1;
            }
            while (i + 1 < _starts.Length && _starts[i + 1] == offset)
            {
                i++;
            }
            return i;
        }
    }
}
