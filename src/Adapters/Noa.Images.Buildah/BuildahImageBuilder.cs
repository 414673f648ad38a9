using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Images.Buildah;

/// <summary>
/// <see cref="IImageBuilder"/> on buildah: builds run outside every sandbox with buildah's layer cache (one store on the
/// host, so layers are kept once however many builds share them), pushes keep tags immutable (skopeo reads the tag's
/// manifest first), and image root file systems are mounted once per image for sandboxes (<see cref="ImageMounts"/>).
/// A BuildKit adapter would implement the same port with <c>buildctl build --output type=image</c> and mount through
/// its OCI exporter; nothing above the port changes.
/// </summary>
internal sealed partial class BuildahImageBuilder : IImageBuilder, IAsyncDisposable
{
    private readonly BuildahSettings _settings;
    private readonly Cli _cli;
    private readonly ImageMounts _mounts;
    private readonly ILogger _logger;

    public BuildahImageBuilder(IOptions<BuildahSettings> settings, ILogger<BuildahImageBuilder>? logger = null)
    {
        _settings = settings.Value;
        if (_settings.Nice is < 0 or > 19)
            throw new ArgumentException($"Noa:Capsule:Images:Nice must be from 0 to 19 (was {_settings.Nice}).", nameof(settings));
        _cli = new Cli(_settings);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _mounts = new ImageMounts(_settings, _cli, _logger);
    }

    public async Task<ImageBuildResult> BuildAsync(ImageBuildRequest request, IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        var context = Path.GetFullPath(request.ContextDirectory);
        if (!Directory.Exists(context))
            throw new ArgumentException($"contextDirectory: {request.ContextDirectory} is not a folder.", nameof(request));
        var dockerfile = Path.IsPathRooted(request.Dockerfile) ? request.Dockerfile : Path.Combine(context, request.Dockerfile);
        if (!File.Exists(dockerfile))
            throw new ArgumentException($"dockerfile: {request.Dockerfile} does not exist in the context.", nameof(request));
        foreach (var tag in request.Tags)
            ImageReference.ThrowIfInvalid(tag, "tags");

        var idFile = Path.Combine(Path.GetTempPath(), $"noa-build-{Guid.NewGuid():N}.iid");
        // buildah's chroot isolation runs RUN steps only in the builder's own network namespace (--network none is
        // refused): a build without network runs whole in a new one (unshare --net, only a loopback that is down),
        // its base images pulled before it.
        if (!request.Network)
            foreach (var image in DockerfileBases.Of(dockerfile))
            {
                var pull = await BuildahAsync(["pull", "--policy", "missing", "--quiet", .. TlsVerify(image), "--", image], null, cancellationToken).ConfigureAwait(false);
                if (!pull.Ok)
                    return new ImageBuildResult { Succeeded = false, Error = $"FROM {image}: {LastLine(pull.Error)}", Log = pull.Error };
            }
        // Steps with network trust the host's CA bundle (a TLS-inspecting proxy's CA), which stays out of the image.
        var hostCa = request.Network && _settings.HostCaBundle is { Length: > 0 } bundle && File.Exists(bundle)
            ? HostCa.Prepare(bundle, dockerfile, Directory.CreateTempSubdirectory("noa-build-").FullName) : null;
        var args = new List<string>(hostCa?.GlobalArgs ?? []) { "build", "--isolation", _settings.Isolation, "--layers", "--force-rm", "--iidfile", idFile,
            "-f", hostCa?.Dockerfile ?? dockerfile, "--network", "host", "--pull=missing" };
        args.AddRange(hostCa?.BuildArgs ?? []);
        if (request.NoCache)
            args.Add("--no-cache");
        if (request.Target is { } target)
            args.AddRange(["--target", target]);
        foreach (var tag in request.Tags)
            args.AddRange(["-t", tag]);
        foreach (var (name, value) in request.BuildArgs)
            args.AddRange(["--build-arg", $"{name}={value}"]);
        foreach (var (name, value) in request.Labels)
            args.AddRange(["--label", $"{name}={value}"]);
        args.Add(context);

        var text = new StringBuilder();
        int steps = 0, cached = 0;
        var added = false;
        var started = Stopwatch.GetTimestamp();
        Cli.Result result;
        try
        {
            string[] command = request.Network ? [_settings.Buildah, .. args] : [_settings.Unshare, "--net", "--", _settings.Buildah, .. args];
            if (_settings.Nice > 0)
                command = ["nice", "-n", _settings.Nice.ToString(CultureInfo.InvariantCulture), .. command];
            result = await Cli.RunAsync(command[0], command[1..], Line, cancellationToken, Environment()).ConfigureAwait(false);
        }
        finally
        {
            if (hostCa is not null)
                Directory.Delete(Path.GetDirectoryName(hostCa.Dockerfile)!, recursive: true);
        }
        var duration = Stopwatch.GetElapsedTime(started);

        void Line(string line)
        {
            lock (text)
            {
                text.Append(line).Append('\n');
                if (text.Length > _settings.MaxLogChars * 2)
                    text.Remove(0, text.Length - _settings.MaxLogChars);
                // FROM is a step buildah prints but never caches: only the steps after it count, and not the ARG lines HostCa adds.
                if (line.StartsWith("STEP ", StringComparison.Ordinal) && !line.Contains(": FROM ", StringComparison.Ordinal))
                {
                    added = hostCa is not null && HostCa.IsAddedStep(line);
                    steps += added ? 0 : 1;
                }
                else if (line.StartsWith("--> Using cache ", StringComparison.Ordinal) && !added)
                    cached++;
            }
            log?.Report(line);
        }
        var logText = text.Length > _settings.MaxLogChars ? text.ToString(text.Length - _settings.MaxLogChars, _settings.MaxLogChars) : text.ToString();
        string? id = null;
        if (File.Exists(idFile))
        {
            id = (await File.ReadAllTextAsync(idFile, cancellationToken).ConfigureAwait(false)).Trim();
            File.Delete(idFile);
        }
        Log.BuildFinished(_logger, result.Ok, steps, cached, duration.TotalSeconds);
        foreach (var tag in request.Tags)
            _mounts.Forget(tag);
        if (!result.Ok || id is null)
            return new ImageBuildResult { Succeeded = false, Error = BuildError(result.Error), Log = logText, Duration = duration, Steps = steps, CachedSteps = cached };
        return new ImageBuildResult
        {
            Succeeded = true, ImageId = id.StartsWith("sha256:", StringComparison.Ordinal) ? id : "sha256:" + id,
            Tags = request.Tags, Log = logText, Duration = duration, Steps = steps, CachedSteps = cached,
        };
    }

    public async Task<ImageInfo?> InspectAsync(string reference, CancellationToken cancellationToken = default)
    {
        ImageReference.ThrowIfInvalid(reference, nameof(reference));
        var inspect = await BuildahAsync(["inspect", "--type", "image", "--", Local(reference)], null, cancellationToken).ConfigureAwait(false);
        if (!inspect.Ok)
            return null;
        var listing = await BuildahAsync(["images", "--json", "--no-trunc", "--", Local(reference)], null, cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        if (listing.Ok)
        {
            using var doc = JsonDocument.Parse(listing.Stdout);
            foreach (var image in doc.RootElement.EnumerateArray())
                if (image.TryGetProperty("names", out var n) && n.ValueKind == JsonValueKind.Array)
                    names.AddRange(n.EnumerateArray().Select(v => v.GetString() ?? "").Where(v => v.Length > 0));
        }
        return ImageInspection.Parse(inspect.Stdout, names.Distinct(StringComparer.Ordinal).ToList());
    }

    public async Task TagAsync(string source, string target, CancellationToken cancellationToken = default)
    {
        ImageReference.ThrowIfInvalid(source, nameof(source));
        ImageReference.ThrowIfInvalid(target, nameof(target));
        _mounts.Forget(target);
        var result = await BuildahAsync(["tag", Local(source), target], null, cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
            throw NotFoundOr(source, result, $"Could not tag {source} as {target}");
    }

    public async Task<string> PushAsync(string reference, string destination, CancellationToken cancellationToken = default)
    {
        ImageReference.ThrowIfInvalid(destination, nameof(destination));
        var image = await InspectAsync(reference, cancellationToken).ConfigureAwait(false)
            ?? throw new ImageNotFoundException(reference, $"There is no local image {reference} to push.");
        var tls = TlsVerify(destination);
        var existing = await _cli.SkopeoAsync(["inspect", "--raw", .. tls, "docker://" + destination], cancellationToken).ConfigureAwait(false);
        if (existing.Ok && ConfigDigest(existing.Stdout) is { } there)
        {
            if (there != image.Id)
                throw new ImmutableTagException(destination, there, image.Id);
            return ManifestDigest(existing.Stdout);
        }
        if (!existing.Ok && !IsMissing(existing.Error))
            throw new InvalidOperationException($"Could not read {destination} before pushing: {existing.Error}");
        var digestFile = Path.Combine(Path.GetTempPath(), $"noa-push-{Guid.NewGuid():N}.digest");
        try
        {
            var push = await BuildahAsync(["push", .. tls, "--digestfile", digestFile, image.Id, "docker://" + destination], null, cancellationToken).ConfigureAwait(false);
            if (!push.Ok)
                throw new InvalidOperationException($"Could not push {reference} to {destination}: {push.Error}");
            var digest = (await File.ReadAllTextAsync(digestFile, cancellationToken).ConfigureAwait(false)).Trim();
            Log.Pushed(_logger, reference, destination, digest);
            return digest;
        }
        finally
        {
            File.Delete(digestFile);
        }
    }

    public async Task<OciDescriptor> ExportAsync(string reference, string directory, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(directory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new ArgumentException($"directory: {directory} is not empty; an image is exported into a new folder.", nameof(directory));
        var image = await InspectAsync(reference, cancellationToken).ConfigureAwait(false)
            ?? throw new ImageNotFoundException(reference, $"There is no local image {reference} to export.");
        // buildah writes each layer to the layout as it compresses it: nothing is held whole in memory.
        var push = await BuildahAsync(["push", "--quiet", image.Id, "oci:" + target], null, cancellationToken).ConfigureAwait(false);
        if (!push.Ok)
            throw new InvalidOperationException($"Could not export {reference} to {directory}: {push.Error}");
        var index = OciJson.Parse<OciIndex>(await File.ReadAllBytesAsync(Path.Combine(target, "index.json"), cancellationToken).ConfigureAwait(false));
        var manifest = index.Manifests.Count == 1 ? index.Manifests[0]
            : throw new InvalidDataException($"buildah wrote {index.Manifests.Count} manifests to {directory}/index.json; one was expected.");
        Log.Exported(_logger, reference, target, manifest.Digest);
        return manifest;
    }

    public async Task<ImageInfo> PullAsync(string reference, CancellationToken cancellationToken = default)
    {
        ImageReference.ThrowIfInvalid(reference, nameof(reference));
        var pull = await BuildahAsync(["pull", "--quiet", .. TlsVerify(reference), "--", reference], null, cancellationToken).ConfigureAwait(false);
        if (!pull.Ok)
            throw IsMissing(pull.Error)
                ? new ImageNotFoundException(reference, $"No registry has the image {reference}: {LastLine(pull.Error)}")
                : new InvalidOperationException($"Could not pull {reference}: {pull.Error}");
        return await InspectAsync(pull.Stdout.Trim(), cancellationToken).ConfigureAwait(false)
            ?? throw new ImageNotFoundException(reference, $"{reference} was pulled but is not stored.");
    }

    public async Task<IImageMount> MountAsync(string reference, CancellationToken cancellationToken = default)
    {
        ImageReference.ThrowIfInvalid(reference, nameof(reference));
        var image = await _mounts.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        if (image is null)
        {
            image = await InspectAsync(reference, cancellationToken).ConfigureAwait(false) ?? await PullAsync(reference, cancellationToken).ConfigureAwait(false);
            _mounts.Remember(reference, image);
        }
        return await _mounts.MountAsync(image, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(string reference, CancellationToken cancellationToken = default)
    {
        ImageReference.ThrowIfInvalid(reference, nameof(reference));
        var image = await InspectAsync(reference, cancellationToken).ConfigureAwait(false);
        if (image is null)
            return false;
        _mounts.Forget(reference);
        await _mounts.ReleaseImageAsync(image.Id).ConfigureAwait(false);
        var rmi = await BuildahAsync(["rmi", "--", Local(reference)], null, cancellationToken).ConfigureAwait(false);
        if (!rmi.Ok && !IsMissing(rmi.Error))
            throw new InvalidOperationException($"Could not remove {reference}: {rmi.Error}");
        return rmi.Ok;
    }

    public ValueTask DisposeAsync() => _mounts.DisposeAsync();

    private Task<Cli.Result> BuildahAsync(IEnumerable<string> args, Action<string>? line, CancellationToken cancellationToken) =>
        Cli.RunAsync(_settings.Buildah, args, line, cancellationToken, Environment());

    private Dictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string> { ["BUILDAH_ISOLATION"] = _settings.Isolation };
        if (_settings.RegistriesConf is { } conf)
            env["CONTAINERS_REGISTRIES_CONF"] = conf;
        return env;
    }

    /// <summary>Plain HTTP for the configured insecure registries; otherwise registries.conf decides (a short name's registry is known only there).</summary>
    private string[] TlsVerify(string reference) =>
        ImageReference.RegistryOf(reference) is { } registry && _settings.InsecureRegistries.Contains(registry) ? ["--tls-verify=false"] : [];

    /// <summary>An image id is given to buildah without its algorithm prefix.</summary>
    private static string Local(string reference) =>
        ImageReference.IsId(reference) && reference.StartsWith("sha256:", StringComparison.Ordinal) ? reference[7..] : reference;

    private static string? ConfigDigest(string manifest)
    {
        using var doc = JsonDocument.Parse(manifest);
        return doc.RootElement.TryGetProperty("config", out var config) && config.TryGetProperty("digest", out var digest) ? digest.GetString() : null;
    }

    private static string ManifestDigest(string manifest) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));

    private static bool IsMissing(string error) =>
        error.Contains("manifest unknown", StringComparison.OrdinalIgnoreCase) || error.Contains("image not known", StringComparison.OrdinalIgnoreCase)
        || error.Contains("not found", StringComparison.OrdinalIgnoreCase) || error.Contains("name unknown", StringComparison.OrdinalIgnoreCase)
        || error.Contains("does not resolve to an image", StringComparison.OrdinalIgnoreCase);

    private static Exception NotFoundOr(string reference, Cli.Result result, string what) =>
        IsMissing(result.Error) ? new ImageNotFoundException(reference, $"{what}: there is no image {reference}.") : new InvalidOperationException($"{what}: {result.Error}");

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    /// <summary>The failing step and buildah's reason, without the noise before it.</summary>
    private static string BuildError(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = lines.LastOrDefault(l => l.StartsWith("Error:", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.OrdinalIgnoreCase))
            ?? lines.LastOrDefault() ?? "the build failed without a message";
        return StepPrefix().Replace(error, "");
    }

    [GeneratedRegex("^Error: ")]
    private static partial Regex StepPrefix();

    private static partial class Log
    {
        [LoggerMessage(LogEvents.BuildFinished, LogLevel.Information, "Build finished: succeeded {Succeeded}, {Steps} steps ({Cached} cached), {Seconds:0.0} s")]
        public static partial void BuildFinished(ILogger logger, bool succeeded, int steps, int cached, double seconds);

        [LoggerMessage(LogEvents.Exported, LogLevel.Information, "Exported {Reference} to {Directory} as {Digest}")]
        public static partial void Exported(ILogger logger, string reference, string directory, string digest);

        [LoggerMessage(LogEvents.Pushed, LogLevel.Information, "Pushed {Reference} to {Destination} as {Digest}")]
        public static partial void Pushed(ILogger logger, string reference, string destination, string digest);
    }
}
