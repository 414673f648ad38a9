namespace Noa.Stages.Intake;

/// <summary>
/// Extends <see cref="IntakeOptions.AllowedFileRoots"/> to the places git reads when it clones a local repository:
/// the git directory a <c>.git</c> file points to, a worktree's common directory, and object alternates. Without it,
/// a repository inside an allowed root could pull objects from anywhere on the host.
/// </summary>
internal static class LocalRepositoryPolicy
{
    public static string? Check(string root, IntakeOptions options)
    {
        if (options.AllowedFileRoots is null)
        {
            return null;
        }
        var gitDir = Path.Combine(root, ".git");
        if (File.Exists(gitDir))
        {
            var pointer = File.ReadAllText(gitDir).Trim();
            if (!pointer.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                return $"the .git file of '{root}' does not name a git directory";
            }
            gitDir = Path.GetFullPath(pointer["gitdir:".Length..].Trim(), root);
        }
        var folders = new List<string> { gitDir };
        var common = Path.Combine(gitDir, "commondir");
        if (File.Exists(common))
        {
            folders.Add(Path.GetFullPath(File.ReadAllText(common).Trim(), gitDir));
        }
        foreach (var folder in folders.ToArray())
        {
            var alternates = Path.Combine(folder, "objects", "info", "alternates");
            if (File.Exists(alternates))
            {
                folders.AddRange(File.ReadAllLines(alternates)
                    .Where(line => line.Length > 0 && !line.StartsWith('#'))
                    .Select(line => Path.GetFullPath(line.Trim(), Path.Combine(folder, "objects"))));
            }
        }
        foreach (var folder in folders)
        {
            var allowed = FileAccessPolicy.Check(folder, options);
            if (allowed.Failed)
            {
                return $"the git repository '{root}' reads objects from '{folder}': {allowed.Error}";
            }
        }
        return null;
    }
}
