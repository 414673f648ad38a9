using Noa.Abstractions;

namespace Noa.Capsule.Sidecars;

/// <summary>Creates each capsule's build proxy socket under <see cref="CapsuleOptions.SocketDirectory"/>.</summary>
internal sealed class BuildProxyFactory(IImageBuilder images, string socketDirectory)
{
    public BuildProxy Create(string capsuleId, string workspace)
    {
        var folder = Path.Combine(socketDirectory, capsuleId);
        foreach (var path in new[] { socketDirectory, folder })
        {
            Directory.CreateDirectory(path);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101); // the sandbox's user must reach the socket
        }
        _ = workspace;
        return new BuildProxy(images, capsuleId, Path.Combine(folder, "docker.sock"));
    }
}
