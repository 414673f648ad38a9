using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Images.Buildah;

namespace Noa.Conformance;

/// <summary>
/// buildah and skopeo of this host (scripts/capsule.sh) against the registry of scripts/services.sh on 127.0.0.1:5000;
/// the locked base images come from scripts/images.sh. Images the tests build are named <c>localhost/noa-test/…</c>
/// and removed when the class ends.
/// </summary>
public sealed class BuildahFixture : IImageBuilderFixture, IAsyncLifetime
{
    private readonly BuildahImageBuilder _builder;
    private readonly List<string> _names = [];

    /// <summary>Creates the builder.</summary>
    public BuildahFixture()
    {
        _builder = new BuildahImageBuilder(Options.Create(new BuildahSettings { MountDirectory = "/run/noa-images-test" }));
        Unavailable = Why();
    }

    /// <inheritdoc />
    public string? Unavailable { get; }

    /// <inheritdoc />
    public IImageBuilder Builder => _builder;

    /// <inheritdoc />
    public string Registry => "127.0.0.1:5000";

    /// <summary>A local image name no other test uses, removed when the class ends.</summary>
    public string LocalName(string tag = "1")
    {
        var name = $"localhost/noa-test/{Guid.NewGuid():N}:{tag}";
        lock (_names)
            _names.Add(name);
        return name;
    }

    /// <inheritdoc />
    public string UniqueReference(string tag = "1")
    {
        var name = $"{Registry}/noa-test/{Guid.NewGuid():N}:{tag}";
        lock (_names)
            _names.Add(name);
        return name;
    }

    /// <inheritdoc />
    public async Task<string?> BaseImageMissingAsync(string reference) =>
        await _builder.InspectAsync(reference) is null ? $"the base image {reference} is not built (scripts/images.sh ensure debian)" : null;

    /// <inheritdoc />
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Unavailable is null)
            foreach (var name in _names)
                await _builder.RemoveAsync(name);
        await _builder.DisposeAsync();
    }

    private static string? Why()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            return "buildah's image store is root's on Linux";
        foreach (var tool in new[] { "buildah", "skopeo" })
            if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool))))
                return $"{tool} is not installed (scripts/capsule.sh)";
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect("127.0.0.1", 5000);
        }
        catch (SocketException)
        {
            return "the OCI registry is not reachable at 127.0.0.1:5000";
        }
        return null;
    }
}
