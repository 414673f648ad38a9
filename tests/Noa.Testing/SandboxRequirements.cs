using System.Net.Sockets;

namespace Noa.Testing;

/// <summary>What the real sandbox (bubblewrap) and image builder (buildah) of a capsule need on this host.</summary>
public static class SandboxRequirements
{
    /// <summary>The tools a capsule with an image needs.</summary>
    public static readonly string[] CapsuleTools = ["bwrap", "buildah", "skopeo", "python3"];

    /// <summary>
    /// Why capsules cannot run here, or null: root on Linux, every tool on PATH, and the local OCI registry the base images
    /// come from (127.0.0.1:5000).
    /// </summary>
    public static string? Unavailable(IEnumerable<string> tools)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            return "capsules run as root on Linux (each sandbox gets its own unprivileged host user)";
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        foreach (var tool in tools)
            if (!path.Any(d => File.Exists(Path.Combine(d, tool))))
                return $"{tool} is not installed (scripts/capsule.sh)";
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect("127.0.0.1", 5000);
        }
        catch (SocketException)
        {
            return "the OCI registry of the base images is not reachable at 127.0.0.1:5000 (scripts/services.sh, scripts/images.sh ensure)";
        }
        return null;
    }

    /// <summary>The images.lock of $NOA_IMAGES_LOCK or of this checkout (scripts/images.sh writes it; generated Dockerfiles pin
    /// their bases by it), or null.</summary>
    public static string? ImagesLock()
    {
        if (Environment.GetEnvironmentVariable("NOA_IMAGES_LOCK") is { Length: > 0 } env && File.Exists(env))
            return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
                return File.Exists(Path.Combine(dir.FullName, "images.lock")) ? Path.Combine(dir.FullName, "images.lock") : null;
        return null;
    }
}
