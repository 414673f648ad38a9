using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>
/// What every <see cref="IImageBuilder"/> must do: build a Dockerfile into an image with its configuration, take a second
/// build of the same context from the cache, report a failing build with its reason, push and pull through a registry
/// with immutable tags, and mount an image's root file system.
/// </summary>
public abstract class ImageBuilderConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, IImageBuilderFixture
{
    private const string Debian = "debian:bookworm-slim";

    private IImageBuilder Builder => Fixture.Builder;

    /// <summary>A local image name no other test uses, removed after the class.</summary>
    protected abstract string LocalName();

    [Fact]
    public async Task Build_Dockerfile_GivesAnImageWithItsConfiguration()
    {
        RequireServer();
        using var context = Context("FROM scratch\nCOPY hello.txt /srv/\nENV GREETING=hi\nWORKDIR /srv\nEXPOSE 8080\nLABEL org.example.kind=test\nCMD [\"/srv/hello.txt\"]\n");
        var name = LocalName();

        var result = await Builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [name] });

        Assert.True(result.Succeeded, result.Error + "\n" + result.Log);
        Assert.Matches("^sha256:[0-9a-f]{64}$", result.ImageId);
        var image = Assert.IsType<ImageInfo>(await Builder.InspectAsync(name));
        Assert.Equal(result.ImageId, image.Id);
        Assert.Contains(name, image.Names);
        Assert.Equal(["/srv/hello.txt"], image.Config.Cmd);
        Assert.Contains("GREETING=hi", image.Config.Env);
        Assert.Equal("/srv", image.Config.WorkingDir);
        Assert.Equal(["8080/tcp"], image.Config.ExposedPorts);
        Assert.Equal("test", image.Config.Labels["org.example.kind"]);
    }

    [Fact]
    public async Task Build_SameContextTwice_SecondIsFullyCachedAndTheSameImage()
    {
        RequireServer();
        using var context = Context($"FROM scratch\nLABEL run={Guid.NewGuid():N}\nCOPY hello.txt /\nCMD [\"/hello.txt\"]\n");

        var first = await Builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [LocalName()] });
        var second = await Builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [LocalName()] });

        Assert.True(first.Succeeded && second.Succeeded, first.Error + second.Error);
        Assert.Equal(first.ImageId, second.ImageId);
        Assert.Equal(0, first.CachedSteps);
        Assert.Equal((3, 3), (second.Steps, second.CachedSteps));
    }

    [Fact]
    public async Task Build_UnknownInstruction_FailsWithTheReason()
    {
        RequireServer();
        using var context = Context("FROM scratch\nFROB the-widget\n");

        var result = await Builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [LocalName()] });

        Assert.False(result.Succeeded);
        Assert.Null(result.ImageId);
        Assert.Contains("frob", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Build_UnknownBaseImage_FailsNamingIt()
    {
        RequireServer();
        using var context = Context($"FROM {Fixture.Registry}/noa-test/absent-{Guid.NewGuid():N}:1\nCOPY hello.txt /\n");

        var result = await Builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [LocalName()] });

        Assert.False(result.Succeeded);
        Assert.Contains("absent-", result.Error);
    }

    [Fact]
    public async Task Build_FailingRun_FailsNamingTheStep()
    {
        RequireServer();
        await RequireBaseAsync();
        using var context = Context($"FROM {Debian}\nRUN echo before && exit 7\n");

        var result = await Builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [LocalName()] });

        Assert.False(result.Succeeded);
        Assert.Contains("exit 7", result.Error + result.Log);
        Assert.Contains("before", result.Log);
    }

    [Fact]
    public async Task Build_RunWithoutNetwork_SeesOnlyItsLoopback()
    {
        RequireServer();
        await RequireBaseAsync();
        using var context = Context($"FROM {Debian}\nRUN tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' > /interfaces\n");
        var name = LocalName();

        var result = await Builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [name], Network = false, NoCache = true });

        Assert.True(result.Succeeded, result.Error + "\n" + result.Log);
        await using var mount = await Builder.MountAsync(name);
        Assert.Equal("lo\n", File.ReadAllText(Path.Combine(mount.RootFs, "interfaces")));
    }

    [Fact]
    public async Task Push_ThenPull_RoundTripsTheSameImage()
    {
        RequireServer();
        var name = await BuildScratchAsync();
        var remote = Fixture.UniqueReference();

        var digest = await Builder.PushAsync(name, remote);
        var built = (await Builder.InspectAsync(name))!.Id;
        Assert.True(await Builder.RemoveAsync(name));
        var pulled = await Builder.PullAsync(remote);

        Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
        Assert.Equal(built, pulled.Id);
        Assert.Contains(remote, pulled.Names);
    }

    [Fact]
    public async Task Push_SameImageAgain_ReturnsTheDigestAlreadyThere()
    {
        RequireServer();
        var name = await BuildScratchAsync();
        var remote = Fixture.UniqueReference();

        var first = await Builder.PushAsync(name, remote);
        var again = await Builder.PushAsync(name, remote);

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Push_OtherImageToATakenTag_IsRefusedAndTheTagKeepsItsImage()
    {
        RequireServer();
        var one = await BuildScratchAsync();
        var other = await BuildScratchAsync();
        var remote = Fixture.UniqueReference();
        var digest = await Builder.PushAsync(one, remote);

        var refused = await Assert.ThrowsAsync<ImmutableTagException>(() => Builder.PushAsync(other, remote));

        Assert.Contains(remote, refused.Message);
        Assert.Equal((await Builder.InspectAsync(one))!.Id, refused.Existing);
        Assert.Equal(digest, await Builder.PushAsync(one, remote));
    }

    [Fact]
    public async Task Export_Image_WritesAnOciLayoutOfThatImage()
    {
        RequireServer();
        var name = await BuildScratchAsync();
        using var folder = new TempFolder("noa-export");
        var layout = Path.Combine(folder.Path, "layout");

        var manifest = await Builder.ExportAsync(name, layout);

        Assert.Equal(OciMediaTypes.ImageManifest, manifest.MediaType);
        Assert.Equal(manifest.Digest, Assert.Single(OciJson.Parse<OciIndex>(File.ReadAllBytes(Path.Combine(layout, "index.json"))).Manifests).Digest);
        Assert.Contains("imageLayoutVersion", File.ReadAllText(Path.Combine(layout, "oci-layout")));
        // Every blob is what its name says, and the manifest's config is the image built (its id is the config's digest).
        foreach (var blob in Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")))
            Assert.Equal(Path.GetFileName(blob), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(blob))));
        var image = OciJson.Parse<OciManifest>(File.ReadAllBytes(Path.Combine(layout, "blobs", "sha256", manifest.Hex)));
        Assert.Equal((await Builder.InspectAsync(name))!.Id, image.Config.Digest);
        Assert.Single(image.Layers);
    }

    [Fact]
    public async Task Export_IntoAFolderNotEmpty_IsRefused()
    {
        RequireServer();
        var name = await BuildScratchAsync();
        using var folder = new TempFolder("noa-export");
        File.WriteAllText(Path.Combine(folder.Path, "keep.txt"), "mine");

        await Assert.ThrowsAsync<ArgumentException>(() => Builder.ExportAsync(name, folder.Path));
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Export_Unknown_IsImageNotFound()
    {
        RequireServer();
        using var folder = new TempFolder("noa-export");

        await Assert.ThrowsAsync<ImageNotFoundException>(() => Builder.ExportAsync($"localhost/noa-test/absent-{Guid.NewGuid():N}:1", Path.Combine(folder.Path, "layout")));
    }

    [Fact]
    public async Task Pull_Unknown_IsImageNotFound()
    {
        RequireServer();

        await Assert.ThrowsAsync<ImageNotFoundException>(() => Builder.PullAsync($"{Fixture.Registry}/noa-test/absent-{Guid.NewGuid():N}:1"));
    }

    [Fact]
    public async Task InspectAndRemove_Unknown_AreNullAndFalse()
    {
        RequireServer();
        var name = $"localhost/noa-test/absent-{Guid.NewGuid():N}:1";

        Assert.Null(await Builder.InspectAsync(name));
        Assert.False(await Builder.RemoveAsync(name));
    }

    [Fact]
    public async Task Mount_Image_ShowsItsFilesUntilReleased()
    {
        RequireServer();
        var name = await BuildScratchAsync();

        await using (var mount = await Builder.MountAsync(name))
        {
            Assert.Equal("hello from the context\n", File.ReadAllText(Path.Combine(mount.RootFs, "hello.txt")));
            Assert.Throws<IOException>(() => File.WriteAllText(Path.Combine(mount.RootFs, "written.txt"), "no")); // read-only
            Assert.Equal((await Builder.InspectAsync(name))!.Id, mount.Image.Id);
        }
    }

    [Fact]
    public async Task Tag_AddsAName()
    {
        RequireServer();
        var name = await BuildScratchAsync();
        var alias = LocalName();

        await Builder.TagAsync(name, alias);

        Assert.Equal((await Builder.InspectAsync(name))!.Id, (await Builder.InspectAsync(alias))!.Id);
    }

    private async Task<string> BuildScratchAsync()
    {
        using var context = Context($"FROM scratch\nCOPY hello.txt /\nLABEL unique={Guid.NewGuid():N}\n");
        var name = LocalName();
        var result = await Builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [name] });
        Assert.True(result.Succeeded, result.Error);
        return name;
    }

    private async Task RequireBaseAsync()
    {
        if (await Fixture.BaseImageMissingAsync(Debian) is { } why)
            Requirement.Unmet(why);
    }

    private static TempFolder Context(string dockerfile)
    {
        var folder = new TempFolder("noa-build");
        File.WriteAllText(Path.Combine(folder.Path, "Dockerfile"), dockerfile);
        File.WriteAllText(Path.Combine(folder.Path, "hello.txt"), "hello from the context\n");
        return folder;
    }
}
