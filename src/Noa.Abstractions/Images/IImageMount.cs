namespace Noa.Abstractions;

/// <summary>An image's root file system, mounted on the host until disposed (<see cref="IImageBuilder.MountAsync"/>).</summary>
public interface IImageMount : IAsyncDisposable
{
    /// <summary>The image.</summary>
    ImageInfo Image { get; }

    /// <summary>The folder holding its root file system, for <see cref="SandboxSpec.RootFs"/>.</summary>
    string RootFs { get; }
}
