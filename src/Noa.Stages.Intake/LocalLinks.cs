namespace Noa.Stages.Intake;

/// <summary>
/// The link policy for sources on disk (folders and git checkouts); it is fixed, not an option. A link that
/// resolves to a file inside the source is read as that file. Links to folders, dangling links and loops are
/// skipped with a warning (a folder's content is already in the snapshot under its real path). A link that
/// resolves outside the source is refused as bad input naming the link: following it would leak the host's files.
/// </summary>
internal static class LocalLinks
{
    /// <summary>The real file a link leads to; null (with a warning) for links to folders, dangling links and
    /// loops; refused for links that leave <paramref name="realRoot"/>.</summary>
    public static Checked<string?> Resolve(string link, string path, string realRoot, List<string> warnings)
    {
        var real = RealPath.Resolve(link);
        if (real is null)
        {
            warnings.Add($"skipped symbolic link '{path}': a link loop");
            return Checked<string?>.Ok(null);
        }
        if (!RealPath.IsUnder(real, realRoot))
        {
            var target = new FileInfo(link).LinkTarget;
            return Checked<string?>.Refuse($"symbolic link '{path}' points outside the source (to '{target}')");
        }
        if (Directory.Exists(real))
        {
            warnings.Add($"skipped symbolic link '{path}' to a folder (its files are taken from the folder itself)");
            return Checked<string?>.Ok(null);
        }
        if (!File.Exists(real))
        {
            warnings.Add($"skipped dangling symbolic link '{path}'");
            return Checked<string?>.Ok(null);
        }
        return Checked<string?>.Ok(real);
    }

    public static bool IsExecutable(string file) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
}
