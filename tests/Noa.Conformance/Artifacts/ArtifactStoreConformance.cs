using System.Security.Cryptography;
using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>What every <see cref="IArtifactStore"/> must do: content addressing, idempotence, immutability.</summary>
public abstract class ArtifactStoreConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, IArtifactStoreFixture
{
    [Fact]
    public async Task Put_Content_ReturnsSha256AndSizeAndReadsBack()
    {
        RequireServer();
        var store = await Fixture.CreateAsync();
        var content = "hello, noa\n"u8.ToArray();

        var stored = await store.PutAsync(new MemoryStream(content));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Sha256);
        Assert.Equal(content.Length, stored.Size);
        Assert.True(await store.ExistsAsync(stored.Sha256));
        Assert.Equal(content, await ReadAllAsync(store, stored.Sha256));
    }

    [Fact]
    public async Task Put_EmptyContent_StoresTheEmptyObject()
    {
        RequireServer();
        var store = await Fixture.CreateAsync();

        var stored = await store.PutAsync(new MemoryStream());

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", stored.Sha256);
        Assert.Equal(0, stored.Size);
        Assert.Empty(await ReadAllAsync(store, stored.Sha256));
    }

    [Fact]
    public async Task Put_SameContentTwice_ReturnsSameAddress()
    {
        RequireServer();
        var store = await Fixture.CreateAsync();

        var first = await store.PutAsync(new MemoryStream("same"u8.ToArray()));
        var second = await store.PutAsync(new MemoryStream("same"u8.ToArray()));

        Assert.Equal(first, second);
        Assert.Equal("same"u8.ToArray(), await ReadAllAsync(store, first.Sha256));
    }

    [Fact]
    public async Task Put_OtherContent_LeavesStoredContentUnchanged()
    {
        RequireServer();
        var store = await Fixture.CreateAsync();
        var first = await store.PutAsync(new MemoryStream("one"u8.ToArray()));

        var second = await store.PutAsync(new MemoryStream("two"u8.ToArray()));

        Assert.NotEqual(first.Sha256, second.Sha256);
        Assert.Equal("one"u8.ToArray(), await ReadAllAsync(store, first.Sha256));
        await using var read = await store.OpenReadAsync(first.Sha256);
        Assert.False(read!.CanWrite);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not-a-sha")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("")]
    public async Task OpenRead_UnknownOrMalformedAddress_ReturnsNull(string address)
    {
        RequireServer();
        var store = await Fixture.CreateAsync();

        Assert.Null(await store.OpenReadAsync(address));
        Assert.False(await store.ExistsAsync(address));
    }

    [Fact]
    public async Task Put_SeveralMegabytesFromUnseekableStream_RoundTrips()
    {
        RequireServer();
        var store = await Fixture.CreateAsync();
        var content = new byte[7 * 1024 * 1024 + 13];
        new Random(42).NextBytes(content);

        var stored = await store.PutAsync(new UnseekableStream(content));

        Assert.Equal(content.LongLength, stored.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Sha256);
        Assert.Equal(content, await ReadAllAsync(store, stored.Sha256));
    }

    [Fact]
    public async Task Put_SameContentConcurrently_AllSucceedWithOneAddress()
    {
        RequireServer();
        var store = await Fixture.CreateAsync();
        var content = new byte[512 * 1024];
        new Random(7).NextBytes(content);

        var stored = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => store.PutAsync(new MemoryStream(content)))));

        Assert.Single(stored.Distinct());
        Assert.Equal(content, await ReadAllAsync(store, stored[0].Sha256));
    }

    /// <summary>Reads stored content whole.</summary>
    protected static async Task<byte[]> ReadAllAsync(IArtifactStore store, string sha256)
    {
        await using var stream = await store.OpenReadAsync(sha256) ?? throw new InvalidOperationException($"{sha256} is not stored");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
