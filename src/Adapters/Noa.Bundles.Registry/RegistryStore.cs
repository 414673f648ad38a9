using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Bundles.Registry;

/// <summary>
/// Bundles in an OCI distribution registry (distribution-spec 1.1). Blobs are asked for (HEAD) before they are pushed;
/// large ones go up in resumable chunks (<see cref="BlobUpload"/>). Tags are immutable: a tag is read before it is written,
/// and one naming another manifest is refused (a registry has no compare-and-swap, so two publishers racing for one new tag
/// can both pass the check; the last write wins there, which is why the registrar tags only after every blob, manifest and
/// referrer is in). Referrers: the Referrers API when the registry answers it (probed once per repository), else the
/// spec's fallback, an index tagged <c>sha256-&lt;hex&gt;</c> that lists them, kept up to date on every push of a manifest
/// with a subject.
/// </summary>
internal sealed partial class RegistryStore : IBundleRegistry, IDisposable
{
    private static readonly string[] ManifestTypes = [OciMediaTypes.ImageManifest, OciMediaTypes.ImageIndex];
    private readonly HttpClient _http;
    private readonly RegistryClient _client;
    private readonly BlobUpload _upload;
    private readonly ILogger<RegistryStore> _logger;
    private readonly ConcurrentDictionary<string, ReferrersMode> _modes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _fallbackGate = new(1, 1);
    private readonly BlobSources? _sources;

    public RegistryStore(IOptions<RegistrySettings> options, TimeProvider time, ILogger<RegistryStore> logger)
        : this(options, time, logger, null)
    {
    }

    /// <summary>A store whose requests also pass through <paramref name="outer"/> (before authentication): tests count them with it.</summary>
    internal RegistryStore(IOptions<RegistrySettings> options, TimeProvider time, ILogger<RegistryStore> logger, DelegatingHandler? outer)
    {
        var settings = options.Value;
        if (settings.Validate() is { Count: > 0 } errors)
            throw new InvalidOperationException(string.Join("; ", errors));
        _logger = logger;
        // Redirects are followed below the authentication, and .NET drops the Authorization header on a redirect.
        var sockets = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = true };
        HttpMessageHandler handler = new RegistryAuthHandler(settings, time, logger) { InnerHandler = sockets };
        if (outer is not null)
        {
            outer.InnerHandler = handler;
            handler = outer;
        }
        _http = new HttpClient(handler)
        {
            Timeout = settings.RequestTimeout,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("noa", typeof(RegistryStore).Assembly.GetName().Version?.ToString(3) ?? "0"));
        _client = new RegistryClient(_http, settings, time, logger);
        _upload = new BlobUpload(_client, settings, new UploadState(settings.UploadStateFolder), time, logger);
        _sources = settings.Mount ? new BlobSources(settings.UploadStateFolder is { } folder ? Path.Combine(folder, "sources") : null) : null;
    }

    public string Location => _client.BaseAddress.AbsoluteUri.TrimEnd('/');

    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        var uri = BlobUri(repository, digest);
        using var response = await _client.SendAsync(() => RegistryClient.Request(HttpMethod.Head, uri), cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw await RegistryClient.ErrorAsync(response, $"HEAD {uri.AbsolutePath}", cancellationToken),
        };
    }

    public async Task PushBlobAsync(string repository, string digest, long size, Func<CancellationToken, Task<Stream>> open,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var registry = _client.BaseAddress;
        if (await BlobExistsAsync(repository, digest, cancellationToken))
        {
            _sources?.Record(registry, digest, repository);
            progress?.Report(size);
            return;
        }
        Uri? started = null;
        if (_sources?.Find(registry, digest) is { } from && from != repository)
        {
            (var mounted, started) = await _upload.MountAsync(repository, digest, from, cancellationToken);
            if (mounted)
            {
                Log.Mounted(_logger, repository, digest, from);
                _sources.Record(registry, digest, repository);
                progress?.Report(size);
                return;
            }
        }
        await _upload.PushAsync(repository, digest, size, open, progress, started, cancellationToken);
        _sources?.Record(registry, digest, repository);
    }

    public async Task<Stream?> OpenBlobAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        var uri = BlobUri(repository, digest);
        var response = await _client.SendAsync(() => RegistryClient.Request(HttpMethod.Get, uri), cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            using (response)
                throw await RegistryClient.ErrorAsync(response, $"GET {uri.AbsolutePath}", cancellationToken);
        }
        return new ResponseStream(response, await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    public async Task<OciDescriptor> PushManifestAsync(string repository, ReadOnlyMemory<byte> content, string mediaType,
        CancellationToken cancellationToken = default)
    {
        var digest = OciDigest.Of(content.Span);
        var manifest = mediaType == OciMediaTypes.ImageManifest ? OciJson.Parse<OciManifest>(content.Span) : null;
        if (mediaType == OciMediaTypes.ImageIndex)
            OciJson.Parse<OciIndex>(content.Span);
        else if (manifest is null)
            throw new ArgumentException($"'{mediaType}' is not a manifest media type this store pushes (OCI image manifest or index).", nameof(mediaType));
        var subjectIndexed = await PutManifestAsync(repository, digest, content, mediaType, cancellationToken);
        var descriptor = new OciDescriptor
        {
            MediaType = mediaType, Digest = digest, Size = content.Length,
            ArtifactType = manifest is null ? null : manifest.ArtifactType ?? manifest.Config.MediaType,
        };
        // The spec: a client whose push of a manifest with a subject got no OCI-Subject header keeps the fallback tag itself.
        if (manifest?.Subject is { } subject && !subjectIndexed)
            await AddToFallbackAsync(repository, subject.Digest, descriptor with { Annotations = manifest.Annotations }, cancellationToken);
        return descriptor;
    }

    public async Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        var uri = ManifestUri(repository, OciNames.RequireReference(reference));
        using var response = await _client.SendAsync(() => RegistryClient.Request(HttpMethod.Get, uri, ManifestTypes), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        if (response.StatusCode != HttpStatusCode.OK)
            throw await RegistryClient.ErrorAsync(response, $"GET {uri.AbsolutePath}", cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var digest = OciDigest.Of(content);
        if (OciDigest.IsValid(reference) && digest != reference)
            throw new InvalidDataException($"{Location}/{repository}@{reference}: the registry served content whose digest is {digest}");
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? OciMediaTypes.ImageManifest;
        return new StoredManifest(new OciDescriptor { MediaType = mediaType, Digest = digest, Size = content.LongLength }, content);
    }

    public async Task TagAsync(string repository, string tag, string digest, CancellationToken cancellationToken = default)
    {
        if (!OciNames.IsTag(tag))
            throw new ArgumentException($"'{tag}' is not a valid tag.", nameof(tag));
        OciDigest.Require(digest);
        if (await GetManifestAsync(repository, tag, cancellationToken) is { } existing)
        {
            if (existing.Descriptor.Digest == digest)
                return;
            throw new BundleTagConflictException(repository, tag, existing.Descriptor.Digest, digest);
        }
        var manifest = await GetManifestAsync(repository, digest, cancellationToken)
            ?? throw new BundleRegistryException($"{Location}/{repository}: no manifest {digest} to tag '{tag}'; push it first", HttpStatusCode.NotFound);
        await PutManifestAsync(repository, tag, manifest.Content, manifest.Descriptor.MediaType, cancellationToken);
    }

    public async Task<IReadOnlyList<OciDescriptor>> GetReferrersAsync(string repository, string digest, string? artifactType = null,
        CancellationToken cancellationToken = default)
    {
        OciDigest.Require(digest);
        IReadOnlyList<OciDescriptor> listed;
        if (await GetReferrersModeAsync(repository, cancellationToken) == ReferrersMode.Api)
        {
            var uri = _client.Resolve($"v2/{repository}/referrers/{digest}");
            using var response = await _client.SendAsync(() => RegistryClient.Request(HttpMethod.Get, uri, OciMediaTypes.ImageIndex), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
                throw await RegistryClient.ErrorAsync(response, $"GET {uri.AbsolutePath}", cancellationToken);
            listed = OciJson.Parse<OciIndex>(await response.Content.ReadAsByteArrayAsync(cancellationToken)).Manifests;
            // Manifests pushed while the registry could not index them are in the fallback tag too.
            listed = [.. listed, .. (await ReadFallbackAsync(repository, digest, cancellationToken)).Where(f => listed.All(l => l.Digest != f.Digest))];
        }
        else
            listed = await ReadFallbackAsync(repository, digest, cancellationToken);
        return artifactType is null ? listed : [.. listed.Where(d => d.ArtifactType == artifactType)];
    }

    public async Task<ReferrersMode> GetReferrersModeAsync(string repository, CancellationToken cancellationToken = default)
    {
        if (_modes.TryGetValue(repository, out var known))
            return known;
        // A registry with the API answers 200 and an index for any digest, even one it does not hold.
        var uri = _client.Resolve($"v2/{OciNames.RequireRepository(repository)}/referrers/{OciDigest.EmptyConfig.Digest}");
        using var response = await _client.SendAsync(() => RegistryClient.Request(HttpMethod.Get, uri, OciMediaTypes.ImageIndex), cancellationToken);
        var mode = response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == OciMediaTypes.ImageIndex
            ? ReferrersMode.Api
            : ReferrersMode.TagScheme;
        Log.Probed(_logger, Location, repository, mode, (int)response.StatusCode);
        return _modes.GetOrAdd(repository, mode);
    }

    public void Dispose() => _http.Dispose();

    // True when the registry says it indexed the manifest's subject (the OCI-Subject header).
    private async Task<bool> PutManifestAsync(string repository, string reference, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken)
    {
        var uri = ManifestUri(repository, reference);
        var bytes = content.ToArray();
        using var response = await _client.SendAsync(() =>
        {
            var request = RegistryClient.Request(HttpMethod.Put, uri);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return request;
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
            throw await RegistryClient.ErrorAsync(response, $"PUT {uri.AbsolutePath}", cancellationToken);
        return response.Headers.Contains("OCI-Subject");
    }

    private async Task<IReadOnlyList<OciDescriptor>> ReadFallbackAsync(string repository, string subject, CancellationToken cancellationToken) =>
        await GetManifestAsync(repository, FallbackTag(subject), cancellationToken) is { } index
            ? OciJson.Parse<OciIndex>(index.Content.Span).Manifests
            : [];

    // The fallback tag is the one tag that changes: it lists a subject's referrers, one more with each push.
    private async Task AddToFallbackAsync(string repository, string subject, OciDescriptor referrer, CancellationToken cancellationToken)
    {
        await _fallbackGate.WaitAsync(cancellationToken);
        try
        {
            var listed = await ReadFallbackAsync(repository, subject, cancellationToken);
            if (listed.Any(d => d.Digest == referrer.Digest))
                return;
            var index = OciJson.Serialize(new OciIndex { Manifests = [.. listed, referrer] });
            await PutManifestAsync(repository, FallbackTag(subject), index, OciMediaTypes.ImageIndex, cancellationToken);
        }
        finally
        {
            _fallbackGate.Release();
        }
    }

    private static string FallbackTag(string digest) => "sha256-" + OciDigest.Require(digest)[OciDigest.Prefix.Length..];

    private Uri BlobUri(string repository, string digest) =>
        _client.Resolve($"v2/{OciNames.RequireRepository(repository)}/blobs/{OciDigest.Require(digest)}");

    private Uri ManifestUri(string repository, string reference) =>
        _client.Resolve($"v2/{OciNames.RequireRepository(repository)}/manifests/{reference}");

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.BlobMounted, Level = LogLevel.Debug, Message = "Blob {Digest} mounted in {Repository} from {From}: no bytes sent")]
        public static partial void Mounted(ILogger logger, string repository, string digest, string from);

        [LoggerMessage(EventId = LogEvents.ReferrersProbed, Level = LogLevel.Information, Message = "Registry {Registry}, repository {Repository}: referrers by {Mode} (probe answered {Status})")]
        public static partial void Probed(ILogger logger, string registry, string repository, ReferrersMode mode, int status);
    }
}
