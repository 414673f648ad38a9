namespace Noa.Safety.Sbom.Parsing;

/// <summary>
/// A package a manifest declares with a range (no version, so a purl without one) and the lockfile beside it pins is one
/// package, not two: the declared component folds into the pinned one, which keeps the lockfile's version, gains the
/// manifest's requirement, directness and scope, and lists both files as its sources. Components are matched by ecosystem,
/// namespace and name within one folder; a declared package the folder's lockfiles pin at several versions stays as it is
/// unless exactly one of them is direct (the one the manifest names).
/// </summary>
internal static class DeclaredAndPinned
{
    public static void Unify(Dictionary<string, ComponentDraft> components, Dictionary<string, SortedSet<string>> edges)
    {
        var pinned = components.Values.Where(c => c.Version is not null).ToLookup(Key, StringComparer.Ordinal);
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declared in components.Values.Where(c => c.Version is null && c.Qualifiers is null).ToList())
        {
            var candidates = pinned[Key(declared)].ToList();
            var target = candidates.Count == 1 ? candidates[0] : candidates.Where(c => c.Direct).ToList() is [var direct] ? direct : null;
            if (target is null)
            {
                continue;
            }
            target.Direct |= declared.Direct;
            target.Scope = (ComponentScope)Math.Min((int)target.Scope, (int)declared.Scope);
            target.License ??= declared.License;
            target.Requirement ??= declared.Requirement;
            target.Sources.UnionWith(declared.Sources);
            components.Remove(declared.Purl);
            renamed[declared.Purl] = target.Purl;
        }
        if (renamed.Count == 0)
        {
            return;
        }
        foreach (var (from, to) in renamed)
        {
            if (edges.Remove(from, out var targets))
            {
                if (!edges.TryGetValue(to, out var set))
                {
                    edges[to] = set = new SortedSet<string>(StringComparer.Ordinal);
                }
                set.UnionWith(targets);
            }
        }
        foreach (var (from, targets) in edges)
        {
            var moved = targets.Where(renamed.ContainsKey).ToList();
            foreach (var old in moved)
            {
                targets.Remove(old);
                if (renamed[old] != from)
                {
                    targets.Add(renamed[old]);
                }
            }
        }
    }

    private static string Key(ComponentDraft c)
    {
        var slash = c.SourcePath.LastIndexOf('/');
        var folder = slash < 0 ? "" : c.SourcePath[..slash];
        return $"{c.Ecosystem}\n{c.Namespace}\n{c.Name}\n{folder}";
    }
}
