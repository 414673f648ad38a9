using Noa.Abstractions;
using Noa.Bundles.Registry;

namespace Noa.Conformance;

/// <summary>The bundle registry conformance suite against the real registry, plus faults: a push cut off and resumed, a registry that is down.</summary>
public sealed class RegistryStoreConformance(RegistryFixture fixture, ITestOutputHelper output)
    : BundleRegistryConformance<RegistryFixture>(fixture, output)
{
    [Fact]
    public async Task PushBlob_CutOffMidUpload_IsResumedByAnotherStoreWhereTheRegistryHasIt()
    {
        RequireServer();
        var repository = Repository();
        var content = new byte[640 * 1024 + 5];
        new Random(7).NextBytes(content);
        var digest = OciDigest.Of(content);

        // The first pusher dies after 3 chunks of 64 KiB: its stream fails like a killed process's connection.
        var dying = Fixture.Create(chunkThreshold: 100 * 1024);
        await Assert.ThrowsAnyAsync<IOException>(() => dying.PushBlobAsync(repository, digest, content.Length,
            _ => Task.FromResult<Stream>(new FailingAfter(content, 3 * 64 * 1024))));
        Assert.False(await dying.BlobExistsAsync(repository, digest));

        long firstOffset = -1;
        var resuming = Fixture.Create(chunkThreshold: 100 * 1024);
        await resuming.PushBlobAsync(repository, digest, content.Length, _ =>
        {
            var stream = new MemoryStream(content, writable: false);
            return Task.FromResult<Stream>(new SeekSpy(stream, offset => firstOffset = firstOffset < 0 ? offset : firstOffset));
        });

        Assert.Equal(3 * 64 * 1024, firstOffset);
        Assert.Equal(content, await ReadAsync(resuming, repository, digest));
        Assert.Empty(Directory.EnumerateFiles(Fixture.UploadStateFolder));
    }

    [Fact]
    public async Task PushBlob_RegistryDown_FailsNamingTheRegistryAfterItsAttempts()
    {
        var store = RegistryFixture.Create(new RegistrySettings { Url = "http://127.0.0.1:9", MaxAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<BundleRegistryException>(() => store.BlobExistsAsync("noa-test/down", OciDigest.Of("x"u8)));

        Assert.Contains("could not be reached after 2 attempts", error.Message);
        Assert.Contains("127.0.0.1:9", error.Message);
        Assert.True(error.Transient);
    }

    [Fact]
    public void Create_BadSettings_ReportsEveryError()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            RegistryFixture.Create(new RegistrySettings { Url = "ftp://x", ChunkSize = 10, MaxAttempts = 0 }));

        Assert.Contains("Url", error.Message);
        Assert.Contains("ChunkSize", error.Message);
        Assert.Contains("MaxAttempts", error.Message);
    }

    private sealed class FailingAfter(byte[] content, int limit) : MemoryStream(content, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= limit ? throw new IOException("the pushing process was killed") : base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, limit - Position)], cancellationToken);
    }

    private sealed class SeekSpy(MemoryStream inner, Action<long> seeked) : MemoryStream(inner.ToArray(), writable: false)
    {
        public override long Seek(long offset, SeekOrigin loc)
        {
            seeked(offset);
            return base.Seek(offset, loc);
        }
    }
}
