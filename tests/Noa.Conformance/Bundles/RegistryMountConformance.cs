using System.Collections.Concurrent;
using Noa.Abstractions;
using Noa.Bundles.Registry;

namespace Noa.Conformance;

/// <summary>
/// What the registry store sends for a blob the registry already has, counted at the real registry's client: nothing but a
/// HEAD when the repository holds it, a cross-repository mount (no bytes) when another repository of the registry does.
/// </summary>
public sealed class RegistryMountConformance(RegistryFixture fixture, ITestOutputHelper output) : ConformanceSuite<RegistryFixture>(fixture, output), IDisposable
{
    private readonly TempFolder _state = new("noa-mounts");

    [Fact]
    public async Task PushBlob_AlreadyInTheRepository_SendsOnlyAHead()
    {
        RequireServer();
        var (store, requests) = Create();
        var (repository, content, digest) = Blob();

        await store.PushBlobAsync(repository, digest, content.Length, Open(content));
        var first = requests.Take();
        await store.PushBlobAsync(repository, digest, content.Length, Open(content));

        // Control: the first push uploaded (POST, PUT); the second only asked.
        Assert.Contains($"PUT /v2/{repository}/blobs/uploads/", string.Join('\n', first));
        Assert.Equal([$"HEAD /v2/{repository}/blobs/{digest}"], requests.Take());
    }

    [Fact]
    public async Task PushBlob_SeenInAnotherRepository_IsMountedWithoutSendingIt()
    {
        RequireServer();
        var (store, requests) = Create();
        var (from, content, digest) = Blob();
        var repository = Repository();

        await store.PushBlobAsync(from, digest, content.Length, Open(content));
        requests.Take();
        await store.PushBlobAsync(repository, digest, content.Length, Open(content));

        var sent = requests.Take();
        Assert.Equal(2, sent.Count);
        Assert.StartsWith($"POST /v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(from)}", sent[1]);
        Assert.Equal(content, await ReadAsync(store, repository, digest));
    }

    [Fact]
    public async Task PushBlob_MountOff_SendsTheBytesAgain()
    {
        RequireServer();
        var (store, requests) = Create(mount: false);
        var (from, content, digest) = Blob();
        var repository = Repository();

        await store.PushBlobAsync(from, digest, content.Length, Open(content));
        requests.Take();
        await store.PushBlobAsync(repository, digest, content.Length, Open(content));

        var sent = requests.Take();
        Assert.DoesNotContain(sent, r => r.Contains("mount=", StringComparison.Ordinal));
        Assert.Contains(sent, r => r.StartsWith($"PUT /v2/{repository}/blobs/uploads/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushBlob_SeenByAnEarlierStoreOfTheSameFolder_IsMounted()
    {
        RequireServer();
        var (earlier, _) = Create();
        var (from, content, digest) = Blob();
        await earlier.PushBlobAsync(from, digest, content.Length, Open(content));
        var (store, requests) = Create();
        var repository = Repository();

        await store.PushBlobAsync(repository, digest, content.Length, Open(content));

        Assert.DoesNotContain(requests.Take(), r => r.StartsWith("PUT ", StringComparison.Ordinal) || r.StartsWith("PATCH ", StringComparison.Ordinal));
        Assert.Equal(content, await ReadAsync(store, repository, digest));
    }

    [Fact]
    public async Task PushBlob_MountSourceWithoutTheBlob_UploadsIntoTheUploadTheRegistryOpened()
    {
        RequireServer();
        var (store, requests) = Create();
        var (repository, content, digest) = Blob();
        new BlobSources(Path.Combine(_state.Path, "sources")).Record(new Uri(Fixture.Url.TrimEnd('/') + "/"), digest, Repository());

        await store.PushBlobAsync(repository, digest, content.Length, Open(content));

        var sent = requests.Take();
        Assert.Equal(3, sent.Count);
        Assert.Contains("mount=", sent[1]);
        Assert.StartsWith($"PUT /v2/{repository}/blobs/uploads/", sent[2]);
        Assert.Equal(content, await ReadAsync(store, repository, digest));
    }

    public void Dispose() => _state.Dispose();

    private (IBundleRegistry Store, Requests Requests) Create(bool mount = true)
    {
        var requests = new Requests();
        return (RegistryFixture.Create(new RegistrySettings { Url = Fixture.Url, UploadStateFolder = _state.Path, Mount = mount }, requests), requests);
    }

    private static (string Repository, byte[] Content, string Digest) Blob()
    {
        var content = new byte[200 * 1024];
        Random.Shared.NextBytes(content);
        return (Repository(), content, OciDigest.Of(content));
    }

    private static string Repository() => $"noa-test/{Guid.NewGuid():N}";

    private static Func<CancellationToken, Task<Stream>> Open(byte[] content) => _ => Task.FromResult<Stream>(new MemoryStream(content, writable: false));

    private static async Task<byte[]> ReadAsync(IBundleRegistry store, string repository, string digest)
    {
        await using var stream = await store.OpenBlobAsync(repository, digest) ?? throw new InvalidOperationException($"no blob {digest} in {repository}");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Every request the store sends, as "METHOD path?query", in order; <see cref="Take"/> returns those since the last call.</summary>
    private sealed class Requests : DelegatingHandler
    {
        private readonly ConcurrentQueue<string> _sent = new();

        public List<string> Take()
        {
            var taken = new List<string>();
            while (_sent.TryDequeue(out var r))
                taken.Add(r);
            return taken;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _sent.Enqueue($"{request.Method} {request.RequestUri!.PathAndQuery}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
