using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Build;

// Router references (RouteFact) resolved to keys through scope: the names a function or file assigns, a function's
// parameters, what imports bind (a module's variable, a JS module's default export), a call's function.
internal sealed partial class GraphBuilder
{
    /// <summary>The key of the router a reference names in file <paramref name="f"/>, seen from the local definition
    /// <paramref name="owner"/>; with <paramref name="function"/>, a name of a function stands for its first parameter
    /// (a Fastify plugin, an actix configure function).</summary>
    private string? RouterKey(int f, int owner, string? reference, bool function = false)
    {
        if (reference is null || reference.Length == 0)
        {
            return null;
        }
        if (reference[0] == '#')
        {
            return $"#|{f}|{reference[1..]}";
        }
        if (reference.StartsWith("require(", StringComparison.Ordinal) && reference.EndsWith(')'))
        {
            return ModuleExport(f, reference["require(".Length..^1]) ?? $"n|{f}|-1|{reference}";
        }
        if (reference.EndsWith("()", StringComparison.Ordinal))
        {
            var callees = Callees(f, owner, reference[..^2]);
            return callees.Count > 0 ? "r|" + callees[0] : $"n|{f}|{ScopeOf(owner)}|{reference}";
        }
        if (reference.Contains('@', StringComparison.Ordinal) || reference.StartsWith("new ", StringComparison.Ordinal))
        {
            return $"n|{f}|{ScopeOf(owner)}|{reference}";
        }
        if (reference.StartsWith("this.", StringComparison.Ordinal))
        {
            var type = owner >= 0 ? EnclosingType(_global[f][owner]) : -1;
            return $"n|{f}|{type}|{reference}";
        }
        var dot = reference.LastIndexOf('.');
        if (dot > 0)
        {
            return Member(f, owner, reference[..dot], reference[(dot + 1)..]) ?? $"n|{f}|{ScopeOf(owner)}|{reference}";
        }
        var local = Local(f, owner, reference);
        if (local is not null)
        {
            return local;
        }
        if (_scopes[f].Bindings.TryGetValue(reference, out var binding) && binding.External is null && binding.Files.Count > 0)
        {
            var file = binding.Files[0];
            if (binding.Member is { } member && _routeLocals.Contains((file, -1, member)))
            {
                return Named(file, -1, member);
            }
            if (_files[f].Spec.Id is "javascript" or "typescript")
            {
                return "x|" + file; // a default import or require() of a module: what it exports
            }
            if (binding.Member is { } m)
            {
                return Named(file, -1, m);
            }
        }
        if (_packageOf[f] is { } package && _packages.TryGetValue(package, out var siblings))
        {
            foreach (var sibling in siblings.Where(s => s != f && _routeLocals.Contains((s, -1, reference))))
            {
                return Named(sibling, -1, reference); // Go: a package-level router of another file of the package
            }
        }
        if (function && Callees(f, owner, reference) is [var g, ..])
        {
            return $"p|{g}|0";
        }
        return Named(f, -1, reference); // a name this source never assigns a router to: the application itself
    }

    // A name assigned in the definition or an enclosing one (or the file), or a parameter of one of them.
    private string? Local(int f, int owner, string name)
    {
        var defs = _files[f].Facts.Definitions;
        for (var d = owner; d >= 0; d = defs[d].Parent)
        {
            if (_routeLocals.Contains((f, d, name)))
            {
                return Named(f, d, name);
            }
            var g = _global[f][d];
            if (_routeParams.TryGetValue(g, out var ps) && ps.Parameters?.FindIndex(p => p.Name == name) is >= 0 and var i)
            {
                return $"p|{g}|{i}";
            }
        }
        return _routeLocals.Contains((f, -1, name)) ? Named(f, -1, name) : null;
    }

    private string Named(int f, int scope, string name) => $"n|{f}|{scope}|{name}";

    private static string ScopeOf(int owner) => owner < 0 ? "-1" : owner.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // `login.router`, `user.views.blueprint`, `routes.api`: a module-level router of the module the qualifier names.
    private string? Member(int f, int owner, string qualifier, string name)
    {
        foreach (var file in ModuleOf(f, qualifier))
        {
            if (_routeLocals.Contains((file, -1, name)))
            {
                return Named(file, -1, name);
            }
        }
        if (Local(f, owner, qualifier) is { } obj)
        {
            return obj + "." + name;
        }
        return null;
    }

    // The files a qualifier names as a module: an import binding, a dotted path under one (Python), a Rust module path.
    private List<int> ModuleOf(int f, string qualifier)
    {
        var spec = _files[f].Spec;
        var parts = qualifier.Split('.', 2);
        if (_scopes[f].Bindings.TryGetValue(parts[0], out var binding) && binding.External is null)
        {
            if (parts.Length == 1)
            {
                return binding.Member is null ? binding.Files : ModuleFiles(spec.Id, (binding.Module ?? "") + "." + binding.Member, f) ?? binding.Files;
            }
            var key = (binding.Member is null ? binding.Module : binding.Module + "." + binding.Member) + "." + parts[1];
            return ModuleFiles(spec.Id, key, f) ?? [];
        }
        if (spec.Id == "rust")
        {
            var key = qualifier.Replace("crate::", "", StringComparison.Ordinal).Replace("self::", "", StringComparison.Ordinal)
                .Replace("super::", "", StringComparison.Ordinal);
            return ModuleFiles(spec.Id, key, f) ?? [];
        }
        return [];
    }

    // The module a require()/import path names, as an export key.
    private string? ModuleExport(int f, string module)
    {
        var spec = _files[f].Spec;
        var target = spec.Resolve(new ImportFact(module, null, "x", 0), _files[f].Path, _layout);
        foreach (var key in target.Keys)
        {
            if (ModuleFiles(spec.Id, key, f) is [var file, ..])
            {
                return "x|" + file;
            }
        }
        return null;
    }

    /// <summary>The callable definitions a callee as written (<c>users.UsersRegister</c>, <c>h.Register</c>,
    /// <c>UsersRouter::new_router</c>, <c>comments::router</c>) resolves to.</summary>
    private List<int> Callees(int f, int owner, string? callee)
    {
        if (callee is null)
        {
            return [];
        }
        var (qualifier, name) = SplitQualified(callee.Replace(" ", "", StringComparison.Ordinal));
        if (!IsIdentifier(name))
        {
            return [];
        }
        var ownerGlobal = owner >= 0 ? _global[f][owner] : -1;
        var (targets, _, _) = Lookup(f, ownerGlobal, name, qualifier, wantType: false);
        var callables = targets.Where(g => Def(g).IsCallable).Order().ToList();
        if (callables.Count == 0 && qualifier is not null)
        {
            callables = ModuleOf(f, qualifier).SelectMany(file => TopLevel(file, name)).Where(g => Def(g).IsCallable).Order().ToList();
        }
        return callables;
    }

    // A function mounted by name whose route its attribute declares (actix `.service(handler)` with #[get("/x")]).
    private int? MountedHandler(int f, int owner, string? reference)
    {
        if (reference is null || !IsIdentifier(reference.Replace("::", "", StringComparison.Ordinal)) || Local(f, owner, reference) is not null)
        {
            return null;
        }
        foreach (var g in Callees(f, owner, reference))
        {
            var (file, index) = _defs[g];
            if (_files[file].Facts.Routes.Any(r => r.Kind == "handler" && r.Owner == index && r.Router is null))
            {
                return g;
            }
        }
        return null;
    }
}
