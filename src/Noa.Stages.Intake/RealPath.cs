namespace Noa.Stages.Intake;

/// <summary>Resolves every symbolic link in a path (like <c>realpath</c>), so that containment checks
/// cannot be fooled by a link in a parent folder.</summary>
internal static class RealPath
{
    private const int MaxHops = 40;

    /// <summary>The resolved path, or null for a link loop.</summary>
    public static string? Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        for (var hops = 0; hops <= MaxHops; hops++)
        {
            var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var current = "/";
            string? next = null;
            for (var i = 0; i < parts.Length; i++)
            {
                var candidate = Path.Join(current, parts[i]);
                var target = new FileInfo(candidate).LinkTarget;
                if (target is not null)
                {
                    var rest = string.Join('/', parts[(i + 1)..]);
                    next = Path.GetFullPath(Path.Join(Path.GetFullPath(target, current), rest));
                    break;
                }
                current = candidate;
            }
            if (next is null)
            {
                return current;
            }
            full = next;
        }
        return null;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or inside it; both already resolved.</summary>
    public static bool IsUnder(string path, string root)
    {
        var r = root.TrimEnd('/');
        return path == r || path.StartsWith(r + "/", StringComparison.Ordinal) || r.Length == 0;
    }
}
