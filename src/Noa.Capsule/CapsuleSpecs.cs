using System.Globalization;
using Noa.Abstractions;

namespace Noa.Capsule;

/// <summary>A capsule request, with its image and sidecars, as the sandbox spec it runs as.</summary>
internal static class CapsuleSpecs
{
    public const string Workspace = "/workspace";
    public const string DockerSocket = "/run/docker.sock";

    public static SandboxSpec Build(string id, CapsuleRequest request, SandboxLimits limits, IImageMount? image, string workspace, string? dockerSocket,
        IReadOnlyList<int> listeners, IReadOnlyDictionary<string, string> sidecarEnvironment)
    {
        var config = image?.Image.Config ?? new ImageConfig();
        var uid = request.Uid ?? UserId(config.User, image?.RootFs) ?? 0;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOME"] = uid == 0 ? "/root" : "/tmp",
            ["HOSTNAME"] = "capsule",
        };
        foreach (var pair in config.Env)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                environment[pair[..eq]] = pair[(eq + 1)..];
        }
        foreach (var (name, value) in sidecarEnvironment)
            environment[name] = value;
        foreach (var (name, value) in request.Environment)
            environment[name] = value;

        List<string> command = request.Command.Count > 0 ? [.. config.Entrypoint, .. request.Command] : [.. config.Entrypoint, .. config.Cmd];
        List<SandboxBind> binds = [new(workspace, Workspace, Writable: true), .. request.Binds];
        if (dockerSocket is not null)
            binds.Add(new SandboxBind(dockerSocket, DockerSocket, Writable: false));
        var tmpfs = new List<string> { "/tmp" };
        if (uid == 0)
            tmpfs.Add("/root");
        if (image is not null)
            tmpfs.Add("/var/tmp");
        return new SandboxSpec
        {
            Command = command,
            RootFs = image?.RootFs,
            Binds = binds,
            Environment = environment,
            WorkingDirectory = request.WorkingDirectory ?? config.WorkingDir ?? Workspace,
            Uid = uid,
            Gid = uid,
            Tmpfs = tmpfs,
            Limits = limits,
            InnerListeners = listeners,
            Hostname = "capsule",
            Name = "cap",
        };
    }

    /// <summary>The uid of the image's <c>USER</c>: a number (<c>1000</c>, <c>1000:1000</c>) or a name in its /etc/passwd; null for none.</summary>
    private static int? UserId(string? user, string? rootFs)
    {
        if (string.IsNullOrEmpty(user))
            return null;
        var head = user.Split(':')[0];
        if (int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            return uid;
        var passwd = rootFs is null ? null : Path.Combine(rootFs, "etc", "passwd");
        if (passwd is null || !File.Exists(passwd))
            return null;
        foreach (var line in File.ReadLines(passwd))
        {
            var fields = line.Split(':');
            if (fields.Length > 2 && fields[0] == head && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out uid))
                return uid;
        }
        return null;
    }
}
