namespace Noa.Stages.Runner.Execution;

/// <summary>
/// A copy of the source that the steps of one run may write to (builds, caches, reports), under
/// <see cref="RunnerOptions.WorkDirectory"/>; removed when disposed. Links are not copied: a link in a snapshot could name a
/// host file, and the capsule must see only the source. Capsules exist on Linux only.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class RunWorkspace : IDisposable
{
    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private RunWorkspace(string path) => Path = path;

    public string Path { get; }

    /// <summary>Files copied.</summary>
    public int Files { get; private set; }

    /// <summary>Links left out.</summary>
    public int Links { get; private set; }

    public static RunWorkspace Create(string workDirectory, string runId, string source)
    {
        if (!Directory.Exists(workDirectory))
            Directory.CreateDirectory(workDirectory, Traversable);
        var name = string.Concat(runId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var path = System.IO.Path.Combine(workDirectory, $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 13, 100)]);
        Directory.CreateDirectory(path, Traversable);
        var workspace = new RunWorkspace(path);
        workspace.Copy(source, path);
        return workspace;
    }

    private void Copy(string from, string to)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 };
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos("*", options))
        {
            var target = System.IO.Path.Combine(to, entry.Name);
            if (entry.LinkTarget is not null)
            {
                Links++;
                continue;
            }
            if (entry is DirectoryInfo dir)
            {
                if (dir.Name == ".git")
                    continue;
                Directory.CreateDirectory(target);
                Copy(dir.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
                // Scripts keep their execute bit (./gradlew, ./configure), nothing else of the snapshot's modes matters.
                File.SetUnixFileMode(target, (File.GetUnixFileMode(entry.FullName) & UnixFileMode.UserExecute) != 0
                    ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                    : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                Files++;
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the operator; the run's result does not depend on it.
        }
    }
}
