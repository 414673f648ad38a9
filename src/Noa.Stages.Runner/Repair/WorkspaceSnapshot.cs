using System.Diagnostics;

namespace Noa.Stages.Runner.Repair;

/// <summary>
/// A copy of the run's workspace taken before a repair attempt (<c>cp -a</c>: files, modes, times, links as links, owners),
/// beside it under the Runner's work directory. <see cref="Restore"/> puts it back in the workspace's place, so the workspace
/// is as it was before the attempt; <see cref="Dispose"/> drops it when the attempt is kept.
/// </summary>
internal sealed class WorkspaceSnapshot : IDisposable
{
    private readonly string _workspace;
    private readonly string _copy;

    private WorkspaceSnapshot(string workspace, string copy) => (_workspace, _copy) = (workspace, copy);

    /// <exception cref="IOException">The copy could not be made (the disk is full).</exception>
    public static async Task<WorkspaceSnapshot> TakeAsync(string workspace, CancellationToken cancellationToken)
    {
        var copy = workspace.TrimEnd('/') + ".repair";
        if (Directory.Exists(copy))
            Directory.Delete(copy, recursive: true);
        var start = new ProcessStartInfo("cp") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-a", "--", workspace, copy })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            Remove(copy);
            throw new IOException($"the workspace could not be copied before a repair attempt: {(await error.ConfigureAwait(false)).Trim()}");
        }
        return new WorkspaceSnapshot(workspace, copy);
    }

    /// <summary>Replaces the workspace with the copy.</summary>
    public void Restore()
    {
        var trash = _workspace.TrimEnd('/') + ".rolled-back";
        Remove(trash);
        Directory.Move(_workspace, trash);
        Directory.Move(_copy, _workspace);
        Remove(trash);
    }

    public void Dispose() => Remove(_copy);

    private static void Remove(string path)
    {
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
    }
}
