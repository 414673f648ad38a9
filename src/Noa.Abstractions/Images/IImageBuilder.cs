namespace Noa.Abstractions;

/// <summary>
/// The outer image builder: builds a context and Dockerfile into an OCI image outside every sandbox (layers stored
/// once and shared by every build), tags, pushes to and pulls from a registry, and mounts an image's root file system
/// for <see cref="ISandbox"/>. Implementation: buildah (<c>Noa.Images.Buildah</c>); BuildKit (<c>buildctl</c>) is the
/// production adapter to come. Image references follow the usual rules (<c>python:3.11-slim</c> is
/// <c>docker.io/library/python:3.11-slim</c>); where they resolve is the host's registry configuration.
/// </summary>
public interface IImageBuilder
{
    /// <summary>
    /// Builds <see cref="ImageBuildRequest.Dockerfile"/> in <see cref="ImageBuildRequest.ContextDirectory"/>. A build
    /// that fails (a bad Dockerfile, a failing step, an unknown base image) is a result with
    /// <see cref="ImageBuildResult.Succeeded"/> false and the reason, not an exception. Each line of the build's log
    /// goes to <paramref name="log"/> as it is written.
    /// </summary>
    Task<ImageBuildResult> BuildAsync(ImageBuildRequest request, IProgress<string>? log = null, CancellationToken cancellationToken = default);

    /// <summary>The image stored locally under <paramref name="reference"/> (a name, or an id), or null when there is none.</summary>
    Task<ImageInfo?> InspectAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Adds the name <paramref name="target"/> to the local image <paramref name="source"/>.</summary>
    Task TagAsync(string source, string target, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes the local image <paramref name="reference"/> to <paramref name="destination"/> (<c>registry/repository:tag</c>)
    /// and returns the manifest digest the registry holds. Tags are immutable: when the destination tag already names
    /// another image, nothing is pushed and <see cref="ImmutableTagException"/> says which; pushing the same image again
    /// returns the digest already there.
    /// </summary>
    Task<string> PushAsync(string reference, string destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the local image <paramref name="reference"/> as an OCI image layout (<c>oci-layout</c>, <c>index.json</c> naming its one
    /// manifest, <c>blobs/sha256/…</c>) into <paramref name="directory"/>, which must not exist or be empty, and returns the manifest's
    /// descriptor. Layers are written to disk as they are produced, never held in memory. <see cref="ImageNotFoundException"/> when
    /// there is no such image.
    /// </summary>
    Task<OciDescriptor> ExportAsync(string reference, string directory, CancellationToken cancellationToken = default);

    /// <summary>Pulls <paramref name="reference"/> from its registry into local storage; <see cref="ImageNotFoundException"/> when no registry has it.</summary>
    Task<ImageInfo> PullAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// The root file system of the image <paramref name="reference"/> (pulled first when it is not stored locally), for
    /// <see cref="SandboxSpec.RootFs"/>: read it, never write it (mounts may be shared). Dispose to release it.
    /// </summary>
    Task<IImageMount> MountAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Removes the local name <paramref name="reference"/> (and the image once no name is left); false when there was none.</summary>
    Task<bool> RemoveAsync(string reference, CancellationToken cancellationToken = default);
}
