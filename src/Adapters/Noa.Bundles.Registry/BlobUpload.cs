using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Bundles.Registry;

/// <summary>
/// One blob upload (distribution-spec "pushing blobs"): a single PUT below the chunk threshold; above it, PATCH chunks
/// with <c>Content-Range</c>, and after any fault the registry is asked how much it has (<c>GET</c> on the upload URL,
/// whose <c>Range</c> says) and the upload goes on from there. The upload URL is recorded (<see cref="UploadState"/>),
/// so another process resumes it too. The registry checks the digest when the upload is closed.
/// </summary>
internal sealed partial class BlobUpload(RegistryClient client, RegistrySettings settings, UploadState state, TimeProvider time, ILogger logger)
{
    /// <summary>Uploads the blob; <paramref name="started"/> is an upload the registry opened already (a mount it answered with an upload).</summary>
    public async Task PushAsync(string repository, string digest, long size, Func<CancellationToken, Task<Stream>> open, IProgress<long>? progress,
        Uri? started, CancellationToken cancellationToken)
    {
        if (size <= settings.ChunkThreshold)
            await PushWholeAsync(repository, digest, size, open, started, cancellationToken);
        else
            await PushChunkedAsync(repository, digest, size, open, progress, started, cancellationToken);
        progress?.Report(size);
    }

    /// <summary>
    /// Asks the registry to mount the blob from repository <paramref name="from"/> (cross-repository mount): true when it did
    /// (201); otherwise the upload it opened instead (202, the spec's answer when it cannot mount), or null when it refused.
    /// </summary>
    public async Task<(bool Mounted, Uri? Started)> MountAsync(string repository, string digest, string from, CancellationToken cancellationToken)
    {
        var uri = client.Resolve($"v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(from)}");
        using var response = await client.SendAsync(() =>
        {
            var request = RegistryClient.Request(HttpMethod.Post, uri);
            request.Content = new ByteArrayContent([]);
            return request;
        }, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Created => (true, null),
            HttpStatusCode.Accepted => (false, LocationOf(response, uri)),
            _ => (false, null),
        };
    }

    private async Task PushWholeAsync(string repository, string digest, long size, Func<CancellationToken, Task<Stream>> open, Uri? started,
        CancellationToken cancellationToken)
    {
        // Read once into a buffer of the blob's size: a retried PUT sends it again without reading the source again.
        var content = new byte[checked((int)size)];
        await using (var source = await open(cancellationToken))
        {
            var read = await FillAsync(source, content, content.Length, cancellationToken);
            if (read != size || await source.ReadAsync(new byte[1], cancellationToken) != 0)
                throw new InvalidDataException($"blob {digest} has {(read != size ? read.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more")} bytes, not the {size} it was pushed as; nothing was stored");
        }
        var location = started ?? await StartAsync(repository, digest, cancellationToken);
        using var response = await client.SendAsync(() =>
        {
            var request = RegistryClient.Request(HttpMethod.Put, WithDigest(location, digest));
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return request;
        }, cancellationToken);
        await CloseAsync(response, repository, digest, cancellationToken);
    }

    private async Task PushChunkedAsync(string repository, string digest, long size, Func<CancellationToken, Task<Stream>> open, IProgress<long>? progress,
        Uri? started, CancellationToken cancellationToken)
    {
        var registry = client.BaseAddress;
        Uri? location = state.Load(registry, repository, digest) is { } saved ? new Uri(saved) : null;
        long offset = 0;
        if (location is not null)
        {
            if (await OffsetAsync(location, cancellationToken) is { } at)
            {
                offset = at;
                Log.Resumed(logger, repository, digest, offset, size);
            }
            else
                location = null;
        }
        location ??= started ?? await StartAsync(repository, digest, cancellationToken);
        state.Save(registry, repository, digest, location);

        var buffer = new byte[settings.ChunkSize];
        var failures = 0;
        Stream? source = null;
        long sourceAt = 0;
        try
        {
            while (offset < size)
            {
                if (source is null || sourceAt != offset)
                {
                    if (source is not null)
                        await source.DisposeAsync();
                    source = await open(cancellationToken);
                    sourceAt = await SkipAsync(source, offset, cancellationToken);
                }
                var length = await FillAsync(source, buffer, (int)Math.Min(buffer.Length, size - offset), cancellationToken);
                sourceAt += length;
                if (length == 0)
                    throw new InvalidDataException($"blob {digest} ended at {offset} bytes, not the {size} it was pushed as; the upload was left open to resume");
                try
                {
                    location = await PatchAsync(location, buffer, offset, length, cancellationToken);
                    state.Save(registry, repository, digest, location);
                    offset += length;
                    failures = 0;
                    progress?.Report(offset);
                }
                catch (Exception e) when (e is HttpRequestException or BundleRegistryException { Transient: true } or TaskCanceledException
                                          && !cancellationToken.IsCancellationRequested && ++failures < settings.MaxAttempts)
                {
                    await Task.Delay(settings.RetryDelay * (1 << Math.Min(failures, 10)), time, cancellationToken);
                    var at = await OffsetAsync(location, cancellationToken);
                    if (at is null)
                    {
                        // The registry forgot the upload (it expired or restarted without its state): start it again.
                        Log.Restarted(logger, repository, digest, e.Message);
                        location = await StartAsync(repository, digest, cancellationToken);
                        state.Save(registry, repository, digest, location);
                        offset = 0;
                    }
                    else
                        offset = at.Value;
                }
            }
        }
        finally
        {
            if (source is not null)
                await source.DisposeAsync();
        }
        var closing = location;
        using var response = await client.SendAsync(() =>
        {
            var request = RegistryClient.Request(HttpMethod.Put, WithDigest(closing, digest));
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return request;
        }, cancellationToken);
        await CloseAsync(response, repository, digest, cancellationToken);
    }

    private async Task<Uri> PatchAsync(Uri location, byte[] buffer, long offset, int length, CancellationToken cancellationToken)
    {
        using var request = RegistryClient.Request(HttpMethod.Patch, location);
        request.Content = new ByteArrayContent(buffer, 0, length);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // The spec's Content-Range is "start-end" with no unit; .NET's typed header would write "bytes start-end/*".
        request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + length - 1}");
        // One attempt: after a fault the caller asks the registry how much it has, since a retried PATCH may overlap.
        using var response = await client.SendOnceAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw await RegistryClient.ErrorAsync(response, $"PATCH {location.AbsolutePath} ({offset}-{offset + length - 1})", cancellationToken);
        return LocationOf(response, location);
    }

    // Null when the registry no longer knows the upload.
    private async Task<long?> OffsetAsync(Uri location, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(() => RegistryClient.Request(HttpMethod.Get, location), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        if (response.StatusCode != HttpStatusCode.NoContent)
            throw await RegistryClient.ErrorAsync(response, $"GET {location.AbsolutePath} (upload status)", cancellationToken);
        var range = response.Headers.TryGetValues("Range", out var values) ? values.FirstOrDefault() : null;
        // "0-N" means N+1 bytes, but distribution 2.x writes "0-0" for none too; chunks are at least 64 KiB, so 0-0 is 0.
        if (range is null || !range.StartsWith("0-", StringComparison.Ordinal) || !long.TryParse(range.AsSpan(2), out var end))
            return 0;
        return end == 0 ? 0 : end + 1;
    }

    private async Task<Uri> StartAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        var uri = client.Resolve($"v2/{repository}/blobs/uploads/");
        using var response = await client.SendAsync(() =>
        {
            var request = RegistryClient.Request(HttpMethod.Post, uri);
            request.Content = new ByteArrayContent([]);
            return request;
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw await RegistryClient.ErrorAsync(response, $"POST {uri.AbsolutePath} (start upload of {digest})", cancellationToken);
        return LocationOf(response, uri);
    }

    private async Task CloseAsync(HttpResponseMessage response, string repository, string digest, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Created)
        {
            state.Forget(client.BaseAddress, repository, digest);
            return;
        }
        var error = await RegistryClient.ErrorAsync(response, $"PUT blob {digest} to {repository}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest && error.Message.Contains("DIGEST_INVALID", StringComparison.Ordinal))
        {
            state.Forget(client.BaseAddress, repository, digest);
            throw new InvalidDataException($"the content pushed is not {digest}; the registry refused it: {error.Message}", error);
        }
        throw error;
    }

    private static Uri LocationOf(HttpResponseMessage response, Uri requested) =>
        response.Headers.Location is { } location
            ? location.IsAbsoluteUri ? location : new Uri(requested, location)
            : throw new BundleRegistryException($"{requested.AbsolutePath}: the registry gave no upload location");

    private static Uri WithDigest(Uri location, string digest) =>
        new(location.AbsoluteUri + (location.Query.Length > 0 ? "&" : "?") + "digest=" + Uri.EscapeDataString(digest));

    private static async Task<long> SkipAsync(Stream source, long offset, CancellationToken cancellationToken)
    {
        if (source.CanSeek)
        {
            source.Seek(offset, SeekOrigin.Begin);
            return offset;
        }
        var buffer = new byte[1 << 16];
        long skipped = 0;
        while (skipped < offset)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, offset - skipped)), cancellationToken);
            if (read == 0)
                break;
            skipped += read;
        }
        return skipped;
    }

    private static async Task<int> FillAsync(Stream source, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < count)
        {
            var read = await source.ReadAsync(buffer.AsMemory(filled, count - filled), cancellationToken);
            if (read == 0)
                break;
            filled += read;
        }
        return filled;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.UploadResumed, Level = LogLevel.Information, Message = "Resuming the upload of {Digest} to {Repository} at {Offset} of {Size} bytes")]
        public static partial void Resumed(ILogger logger, string repository, string digest, long offset, long size);

        [LoggerMessage(EventId = LogEvents.UploadRestarted, Level = LogLevel.Warning, Message = "The registry no longer knows the upload of {Digest} to {Repository} ({Reason}); starting it again")]
        public static partial void Restarted(ILogger logger, string repository, string digest, string reason);
    }
}
