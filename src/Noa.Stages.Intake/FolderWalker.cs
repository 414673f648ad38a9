using MAB.DotIgnore;

namespace Noa.Stages.Intake;

/// <summary>
/// Lists a local folder as git would see it untracked-but-not-ignored: <c>.gitignore</c> files apply at every
/// level (a deeper file overrides a shallower one, the last matching rule of a file wins, and a folder that is
/// ignored is not entered, so its files cannot be re-included), and <c>.git</c> is always skipped.
/// Nothing is copied: content is read from the folder itself later.
/// </summary>
internal sealed class FolderWalker(IntakeOptions options)
{
    public Checked<IntakeResult> Walk(string root, CancellationToken cancellationToken)
    {
        var realRoot = RealPath.Resolve(root) ?? root;
        var result = new IntakeResult();
        var budget = new FileBudget(options);
        try
        {
            var error = WalkFolder(realRoot, "", [], realRoot, result, budget, cancellationToken);
            return error is null ? result : Checked<IntakeResult>.Refuse(error);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Checked<IntakeResult>.Refuse($"the folder '{root}' cannot be read in full: {ex.Message}");
        }
    }

    private string? WalkFolder(string folder, string relative, List<IgnoreLevel> levels, string realRoot,
        IntakeResult result, FileBudget budget, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ignoreFile = Path.Combine(folder, ".gitignore");
        var ignoreInfo = new FileInfo(ignoreFile);
        // A .gitignore that is a link is not read, as git does not follow it either.
        var ownLevel = ignoreInfo.Exists && ignoreInfo.LinkTarget is null;
        if (ownLevel)
        {
            levels.Add(new IgnoreLevel(relative, new IgnoreList(ignoreFile)));
        }
        try
        {
            var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (entry.Name == ".git")
                {
                    continue;
                }
                var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                var isLink = entry.LinkTarget is not null;
                var isFolder = entry is DirectoryInfo && !isLink;
                if (IsIgnored(levels, path, isFolder))
                {
                    continue;
                }
                // .NET reads a name that is not UTF-8 with U+FFFD for its bytes and then cannot open it; a real U+FFFD opens.
                var undecodable = entry.Name.Contains('\uFFFD', StringComparison.Ordinal) && !SourcePath.Addressable(entry.FullName);
                if (SourcePath.Check(path, options, undecodable) is { } refused)
                {
                    return refused;
                }
                if (isFolder)
                {
                    var error = WalkFolder(entry.FullName, path, levels, realRoot, result, budget, cancellationToken);
                    if (error is not null)
                    {
                        return error;
                    }
                    continue;
                }
                var local = entry.FullName;
                if (isLink)
                {
                    var target = LocalLinks.Resolve(entry.FullName, path, realRoot, result.Warnings);
                    if (target.Failed)
                    {
                        return target.Error;
                    }
                    if (target.Value is null)
                    {
                        continue;
                    }
                    local = target.Value;
                }
                if (budget.Add(path, new FileInfo(local).Length) is { } over)
                {
                    return over;
                }
                result.Files.Add(new CollectedFile(path, local, LocalLinks.IsExecutable(local)));
            }
        }
        finally
        {
            if (ownLevel)
            {
                levels.RemoveAt(levels.Count - 1);
            }
        }
        return null;
    }

    private static bool IsIgnored(List<IgnoreLevel> levels, string path, bool isFolder)
    {
        for (var i = levels.Count - 1; i >= 0; i--)
        {
            if (levels[i].Decide(path, isFolder) is { } decided)
            {
                return decided;
            }
        }
        return false;
    }
}
