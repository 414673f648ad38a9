using Noa.Abstractions.Graph;

namespace Noa.Stages.Graph.Build;

// Calls, type references and inheritance, resolved through scope: the enclosing type's members, the file's
// definitions, what its imports bind, its package, and last (as a heuristic) a name defined once in the source.
internal sealed partial class GraphBuilder
{
    private void ResolveReferences(int f)
    {
        var (_, spec, facts) = _files[f];
        foreach (var r in facts.References)
        {
            var owner = r.Owner >= 0 ? _global[f][r.Owner] : -1;
            var src = owner >= 0 ? _defIds[owner] : _fileIds[f];
            var wantType = r.Kind == "type";
            var (targets, confidence, provenance) = Lookup(f, owner, r.Name, r.Receiver, wantType);
            if (targets.Count == 0)
            {
                _stats.UnresolvedReferences++;
                continue;
            }
            foreach (var target in targets)
            {
                var kind = wantType ? "REFERENCES" : "CALLS";
                Edge(src, _defIds[target], kind, provenance, confidence, r.Line);
            }
        }
        _ = spec;
        // The references are edges now (a large source has millions): only what is read of them later stays, the calls
        // made at file level (RunsAtLoad).
        facts.References = facts.References.Where(r => r.Owner < 0 && r.Kind == "call").ToList();
    }

    private void ResolveInheritance(int f)
    {
        var facts = _files[f].Facts;
        foreach (var inherit in facts.Inherits)
        {
            int owner;
            if (inherit.Owner >= 0)
            {
                owner = _global[f][inherit.Owner];
            }
            else
            {
                var named = inherit.OwnerName is { } n ? Visible(f, StripType(n), types: true) : [];
                if (named.Count != 1)
                {
                    continue;
                }
                owner = named[0];
            }
            var (qualifier, name) = SplitQualified(StripType(inherit.Base));
            var (targets, confidence, provenance) = Lookup(f, owner, name, qualifier, wantType: true);
            var ownerId = _defIds[owner];
            if (targets.Count == 0)
            {
                // A base outside the source (a framework class): keep the fact, on a node of its own kind (a type is
                // not a package: the external modules a source imports are the `external` nodes).
                var spec = _files[f].Spec;
                var id = $"external-type:{spec.Manager}:{StripType(inherit.Base)}";
                Node(new KgNode { Id = id, Kind = "external-type", Name = StripType(inherit.Base), Language = spec.Id, Properties = new(StringComparer.Ordinal) { ["manager"] = spec.Manager } });
                Edge(ownerId, id, inherit.Implements ? "IMPLEMENTS" : "INHERITS", Parsed, 0.9, inherit.Line);
                continue;
            }
            foreach (var target in targets)
            {
                var kind = inherit.Implements || (Def(target).Kind is "interface" or "trait" && Def(owner).Kind is not ("interface" or "trait")) ? "IMPLEMENTS" : "INHERITS";
                Edge(ownerId, _defIds[target], kind, provenance, confidence, inherit.Line);
            }
        }
    }

    // A base as written (a.b.C<T>, Base[T], pkg.Type, a::b::Trait<X>) → its qualifier and name.
    private static (string? Qualifier, string Name) SplitQualified(string text)
    {
        var sep = Math.Max(text.LastIndexOf('.'), text.LastIndexOf("::", StringComparison.Ordinal) + 1);
        return sep <= 0 ? (null, text) : (text[..(text[sep - 1] == ':' ? sep - 1 : sep)].TrimEnd(':', '.'), text[(sep + 1)..].TrimStart(':'));
    }

    private static string StripType(string text)
    {
        var s = text.Trim();
        foreach (var open in new[] { '<', '[', '(' })
        {
            var i = s.IndexOf(open, StringComparison.Ordinal);
            if (i > 0)
            {
                s = s[..i];
            }
        }
        return s.TrimStart('*', '&').Replace("dyn ", "", StringComparison.Ordinal).Trim();
    }

    private (List<int> Targets, double Confidence, string Provenance) Lookup(int f, int owner, string name, string? receiver, bool wantType)
    {
        var spec = _files[f].Spec;
        bool Fits(int g) => wantType ? Def(g).IsType : Def(g).IsCallable || Def(g).IsType;
        if (receiver is null || spec.IsSelf(receiver) || (owner >= 0 && receiver == SelfOf(owner)))
        {
            // Members of the enclosing type and of its bases.
            var type = EnclosingType(owner);
            if (type >= 0)
            {
                var members = MembersOf(type, name, Fits);
                if (members.Count > 0)
                {
                    return (members, 0.9, Parsed);
                }
            }
            if (receiver is not null)
            {
                return ([], 0, Parsed); // self.x that the type does not define: dynamic or inherited from outside
            }
            var visible = Visible(f, name, wantType);
            if (visible.Count > 0)
            {
                return (visible, 0.85, Parsed);
            }
            return Unique(name, wantType, member: false);
        }

        // Qualified: a module alias, an imported or visible type, or a module path.
        var scope = _scopes[f];
        if (scope.Bindings.TryGetValue(receiver, out var binding))
        {
            if (binding.External is not null)
            {
                return ([], 0, Parsed);
            }
            var found = binding.Member is null
                ? binding.Files.SelectMany(file => TopLevel(file, name)).Where(Fits).ToList()
                : binding.Files.SelectMany(file => TopLevel(file, binding.Member)).SelectMany(t => MembersOf(t, name, Fits)).ToList();
            if (found.Count > 0)
            {
                return (found, 0.85, Parsed);
            }
        }
        var (q, last) = SplitQualified(receiver);
        if (q is not null && scope.Bindings.TryGetValue(receiver, out _) is false && scope.Bindings.TryGetValue(q, out var outer) && outer.External is null)
        {
            // pkg.Type.Member or a.b.c.f with a bound prefix
            var found = outer.Files.SelectMany(file => TopLevel(file, last)).SelectMany(t => MembersOf(t, name, Fits)).ToList();
            if (found.Count > 0)
            {
                return (found, 0.8, Parsed);
            }
        }
        if (IsIdentifier(receiver))
        {
            var types = Visible(f, receiver, types: true);
            if (types.Count > 0)
            {
                var found = types.SelectMany(t => MembersOf(t, name, Fits)).ToList();
                if (found.Count > 0)
                {
                    return (found, 0.8, Parsed);
                }
            }
            if (scope.External.Contains(receiver))
            {
                return ([], 0, Parsed);
            }
        }
        // An object of unknown type: a method defined once in the whole source is a fair guess.
        return wantType ? Unique(name, true, member: false) : Unique(name, false, member: true);
    }

    // The receiver variable of the Go method enclosing g (closures included), if any.
    private string? SelfOf(int g)
    {
        while (g >= 0)
        {
            var (file, index) = _defs[g];
            var d = _files[file].Facts.Definitions[index];
            if (d.Self is not null)
            {
                return d.Self;
            }
            g = d.Parent < 0 ? -1 : _global[file][d.Parent];
        }
        return null;
    }

    private static bool IsIdentifier(string s) => s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');

    // Names visible in file f without a qualifier: its own scope-level definitions, what its imports bind, wildcard
    // imports, and its package.
    private List<int> Visible(int f, string name, bool types)
    {
        bool Fits(int g) => !types || Def(g).IsType;
        var own = TopLevel(f, name).Where(Fits).ToList();
        if (own.Count > 0)
        {
            return own;
        }
        var scope = _scopes[f];
        if (scope.Bindings.TryGetValue(name, out var binding) && binding.External is null && binding.Member is { } member)
        {
            var found = binding.Files.SelectMany(file => TopLevel(file, member)).Where(Fits).ToList();
            if (found.Count > 0)
            {
                return found;
            }
        }
        foreach (var files in scope.Wildcards)
        {
            var found = files.SelectMany(file => TopLevel(file, name)).Where(Fits).ToList();
            if (found.Count > 0)
            {
                return found;
            }
        }
        return PackageLevel(f, name).Where(Fits).ToList();
    }

    // The scope-level definitions named `name` of every file in f's package, in file order. A Go package or a Java
    // one is hundreds of files: the names of the whole package are indexed once, not looked up file by file.
    private List<int> PackageLevel(int f, string name)
    {
        if (_packageOf[f] is not { } package)
        {
            return [];
        }
        if (!_packageLevel.TryGetValue(package, out var names))
        {
            _packageLevel[package] = names = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (var file in _packages[package])
            {
                foreach (var (n, defs) in _topLevel[file])
                {
                    List(names, n).AddRange(defs);
                }
            }
        }
        return names.TryGetValue(name, out var found) ? found : [];
    }

    private IEnumerable<int> TopLevel(int f, string name) => _topLevel[f].TryGetValue(name, out var list) ? list : [];

    private int EnclosingType(int g)
    {
        while (g >= 0)
        {
            if (Def(g).IsType)
            {
                return g;
            }
            var (file, index) = _defs[g];
            var parent = _files[file].Facts.Definitions[index].Parent;
            if (parent < 0 && Def(g).Receiver is { } receiver)
            {
                // A Go or Rust impl method: its type is its receiver's.
                return PackageLevel(file, ReceiverType(receiver)).Where(t => Def(t).IsType).DefaultIfEmpty(-1).First();
            }
            g = parent < 0 ? -1 : _global[file][parent];
        }
        return -1;
    }

    // Members named `name` of a type, then of its bases (resolved INHERITS/IMPLEMENTS edges are not built yet, so
    // bases are looked up from the facts, one level up to three deep).
    private List<int> MembersOf(int type, string name, Func<int, bool> fits, int depth = 0)
    {
        if (_members.TryGetValue(type, out var members) && members.TryGetValue(name, out var found))
        {
            var fitting = found.Where(fits).ToList();
            if (fitting.Count > 0)
            {
                return fitting;
            }
        }
        if (depth >= 3)
        {
            return [];
        }
        var (file, index) = _defs[type];
        foreach (var inherit in _files[file].Facts.Inherits)
        {
            if (inherit.Owner != index)
            {
                continue;
            }
            var (_, baseName) = SplitQualified(StripType(inherit.Base));
            foreach (var b in Visible(file, baseName, types: true))
            {
                if (b != type && MembersOf(b, name, fits, depth + 1) is { Count: > 0 } inherited)
                {
                    return inherited;
                }
            }
        }
        return [];
    }

    // A name defined exactly once in the whole source (as a member when `member`): the heuristic of last resort.
    private (List<int>, double, string) Unique(string name, bool wantType, bool member)
    {
        if (name.Length < 3 || !_byName.TryGetValue(name, out var all))
        {
            return ([], 0, Heuristic);
        }
        var candidates = all.Where(g => wantType ? Def(g).IsType : (Def(g).IsCallable || Def(g).IsType) && (!member || Def(g).Parent >= 0 || Def(g).Receiver is not null)).Take(2).ToList();
        return candidates.Count == 1 ? (candidates, member ? 0.4 : 0.5, Heuristic) : ([], 0, Heuristic);
    }
}
