namespace Noa.Stages.Intake;

/// <summary>Normalises archive entry names and refuses those that would escape the extraction root
/// (zip-slip): absolute names, drive letters and <c>..</c> segments. Backslashes count as separators,
/// as Windows zip tools write them.</summary>
internal static class ArchivePath
{
    /// <summary>The normalised relative path ("" for the root itself), or why the name is refused.</summary>
    public static Checked<string> Normalize(string name)
    {
        var unified = name.Replace('\\', '/');
        if (unified.StartsWith('/') || (unified.Length >= 2 && unified[1] == ':' && char.IsAsciiLetter(unified[0])) || unified.Contains('\0'))
        {
            return Checked<string>.Refuse($"archive entry '{Printable.Escape(name)}' has an absolute path");
        }
        var parts = new List<string>();
        foreach (var part in unified.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                return Checked<string>.Refuse($"archive entry '{Printable.Escape(name)}' has a '..' segment (path traversal)");
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary>Resolves a link target against the link's folder (symlinks) or the root (hard links), or
    /// returns null when it leaves the archive.</summary>
    public static string? ResolveTarget(string linkPath, string target, bool relativeToRoot)
    {
        var unified = target.Replace('\\', '/');
        if (unified.StartsWith('/') || (unified.Length >= 2 && unified[1] == ':'))
        {
            return null;
        }
        var parts = new List<string>();
        if (!relativeToRoot)
        {
            parts.AddRange(linkPath.Split('/')[..^1]);
        }
        foreach (var part in unified.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
