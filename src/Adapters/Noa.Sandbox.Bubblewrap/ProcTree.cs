namespace Noa.Sandbox.Bubblewrap;

/// <summary>Parent and child pids as /proc tells them.</summary>
internal static class ProcTree
{
    public static int ParentOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("PPid:", StringComparison.Ordinal) && int.TryParse(line.AsSpan(5).Trim(), out var parent))
                    return parent;
        }
        catch (IOException)
        {
        }
        return 0;
    }

    /// <summary>The first child of <paramref name="parent"/> among <paramref name="candidates"/>, or null.</summary>
    public static int? ChildAmong(int parent, IEnumerable<int> candidates) =>
        candidates.Where(pid => ParentOf(pid) == parent).Order().Cast<int?>().FirstOrDefault();

    /// <summary><paramref name="root"/> and every descendant found among <paramref name="candidates"/>.</summary>
    public static IReadOnlyList<int> Descendants(int root, IReadOnlyList<int> candidates)
    {
        var parents = candidates.ToDictionary(p => p, ParentOf);
        var found = new List<int> { root };
        for (var i = 0; i < found.Count; i++)
            found.AddRange(parents.Where(p => p.Value == found[i] && !found.Contains(p.Key)).Select(p => p.Key));
        return found;
    }
}
