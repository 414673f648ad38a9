using System.Globalization;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Images.Buildah;

/// <summary>
/// Image root file systems for sandboxes, mounted once per image and shared read-only: a buildah working container of
/// the image (named <c>noa-rootfs-{pid}-{id}</c>), its mount bind-mounted read-only under
/// <see cref="BuildahSettings.MountDirectory"/> (buildah's own mount point is in a root-only folder). Kept until the
/// image is removed or the builder disposed, so a warm capsule start costs no mount. Leftovers of a process that died
/// are removed on first use.
/// </summary>
internal sealed partial class ImageMounts(BuildahSettings settings, Cli cli, ILogger logger) : IAsyncDisposable
{
    private const string Prefix = "noa-rootfs-";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ImageInfo> _resolved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _mounted = new(StringComparer.Ordinal);
    private bool _swept;

    private sealed class Entry(string container, string rootFs)
    {
        public string Container { get; } = container;

        public string RootFs { get; } = rootFs;

        public int References { get; set; }
    }

    public Task<ImageInfo?> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        lock (_resolved)
            return Task.FromResult(_resolved.TryGetValue(reference, out var image) ? image : null);
    }

    public void Remember(string reference, ImageInfo image)
    {
        lock (_resolved)
            _resolved[reference] = image;
    }

    public void Forget(string reference)
    {
        lock (_resolved)
            _resolved.Remove(reference);
    }

    public async Task<IImageMount> MountAsync(ImageInfo image, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_swept)
            {
                await SweepAsync(cancellationToken).ConfigureAwait(false);
                _swept = true;
            }
            if (!_mounted.TryGetValue(image.Id, out var entry))
            {
                entry = await CreateAsync(image, cancellationToken).ConfigureAwait(false);
                _mounted[image.Id] = entry;
            }
            entry.References++;
            return new Handle(this, image, entry);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ReleaseImageAsync(string imageId)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_mounted.Remove(imageId, out var entry))
                await RemoveAsync(entry.Container, entry.RootFs).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var entry in _mounted.Values)
                await RemoveAsync(entry.Container, entry.RootFs).ConfigureAwait(false);
            _mounted.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Entry> CreateAsync(ImageInfo image, CancellationToken cancellationToken)
    {
        var shortId = image.Id["sha256:".Length..][..16];
        var container = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{shortId}");
        var target = Path.Combine(settings.MountDirectory, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), shortId);
        await cli.BuildahAsync(["rm", container], null, cancellationToken).ConfigureAwait(false);
        var from = await cli.BuildahAsync(["from", "--pull-never", "--name", container, image.Id["sha256:".Length..]], null, cancellationToken).ConfigureAwait(false);
        if (!from.Ok)
            throw new InvalidOperationException($"Could not open image {image.Id}: {from.Error}");
        try
        {
            var mount = await cli.BuildahAsync(["mount", container], null, cancellationToken).ConfigureAwait(false);
            if (!mount.Ok)
                throw new InvalidOperationException($"Could not mount image {image.Id}: {mount.Error}");
            // Folders on the way to the mount must be traversable by the sandboxes' unprivileged users.
            foreach (var folder in new[] { settings.MountDirectory, Path.GetDirectoryName(target)!, target })
            {
                Directory.CreateDirectory(folder);
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
            }
            await RunAsync("mount", ["--bind", mount.Stdout.Trim(), target], cancellationToken).ConfigureAwait(false);
            await RunAsync("mount", ["-o", "remount,bind,ro", target], cancellationToken).ConfigureAwait(false);
            Log.Mounted(logger, image.Id, target);
            return new Entry(container, target);
        }
        catch
        {
            await RemoveAsync(container, target).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Removes the working containers and mounts of processes that no longer exist.</summary>
    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var list = await cli.BuildahAsync(["containers", "--noheading", "--format", "{{.ContainerName}}"], null, cancellationToken).ConfigureAwait(false);
        foreach (var name in list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            var parts = name[Prefix.Length..].Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var pid) || Directory.Exists($"/proc/{pid}"))
                continue;
            await RemoveAsync(name, Path.Combine(settings.MountDirectory, parts[0], parts[1])).ConfigureAwait(false);
        }
    }

    private async Task RemoveAsync(string container, string target)
    {
        var problems = new List<string>();
        if (Directory.Exists(target))
        {
            var umount = await Cli.RunAsync("umount", [target], null, CancellationToken.None).ConfigureAwait(false);
            if (!umount.Ok && !umount.Error.Contains("not mounted", StringComparison.Ordinal))
                problems.Add(umount.Error);
            else
            {
                Directory.Delete(target);
                var parent = Path.GetDirectoryName(target)!;
                if (!Directory.EnumerateFileSystemEntries(parent).Any())
                    Directory.Delete(parent);
            }
        }
        await cli.BuildahAsync(["umount", container], null, CancellationToken.None).ConfigureAwait(false);
        var rm = await cli.BuildahAsync(["rm", container], null, CancellationToken.None).ConfigureAwait(false);
        if (!rm.Ok && !rm.Error.Contains("not known", StringComparison.Ordinal) && !rm.Error.Contains("no container", StringComparison.OrdinalIgnoreCase))
            problems.Add(rm.Error);
        if (problems.Count > 0)
            Log.UnmountFailed(logger, container, string.Join("; ", problems));
    }

    private static async Task RunAsync(string program, string[] args, CancellationToken cancellationToken)
    {
        var result = await Cli.RunAsync(program, args, null, cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {result.Error}");
    }

    private sealed class Handle(ImageMounts owner, ImageInfo image, Entry entry) : IImageMount
    {
        private int _disposed;

        public ImageInfo Image { get; } = image;

        public string RootFs => entry.RootFs;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            await owner._gate.WaitAsync().ConfigureAwait(false);
            try
            {
                entry.References--;
            }
            finally
            {
                owner._gate.Release();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.Mounted, LogLevel.Debug, "Image {Id} mounted read-only at {Path}")]
        public static partial void Mounted(ILogger logger, string id, string path);

        [LoggerMessage(LogEvents.UnmountFailed, LogLevel.Warning, "Image mount {Container} was not fully removed: {Problems}")]
        public static partial void UnmountFailed(ILogger logger, string container, string problems);
    }
}
