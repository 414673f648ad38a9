using Noa.Abstractions;

namespace Noa.Stages.Env.Verify;

/// <summary>The build context the proof builds in: the source snapshot with the generated <c>env/</c> beside it, and
/// <c>env/.dockerignore</c> at the root (as a user who copies <c>env/</c> into the repository would have it).</summary>
internal static class BuildContext
{
    public static async Task CreateAsync(ISourceTree source, string folder, IReadOnlyDictionary<string, string> rendered, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        foreach (var file in source.Files)
        {
            var target = Path.GetFullPath(Path.Combine(folder, file.Path));
            if (!target.StartsWith(root, StringComparison.Ordinal))
                continue; // the snapshot's paths are relative; anything else is not copied
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var input = await source.OpenReadAsync(file, cancellationToken).ConfigureAwait(false))
            await using (var output = File.Create(target))
                await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            if (file.Executable && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        foreach (var (path, content) in rendered)
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, content, cancellationToken).ConfigureAwait(false);
        }
        await File.WriteAllTextAsync(Path.Combine(folder, ".dockerignore"), rendered["env/.dockerignore"], cancellationToken).ConfigureAwait(false);
    }
}
