using Noa.Abstractions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Files;

namespace Noa.Stages.Env.Verify;

/// <summary>
/// The proof's writable folders: for each folder of plan.json's state a fresh host folder bound writable at its path in the capsule
/// (the data folders empty, the home with its XDG folders, as the image has them), so the image itself stays read-only and unchanged.
/// Removed when disposed; what the server wrote there is listed before. It also gives the container the <c>/etc/hosts</c> a container
/// runtime writes (docker, Kubernetes): images carry an empty one, and a server that binds <c>localhost</c> (verdaccio) cannot
/// resolve it without.
/// </summary>
internal sealed class StateScratch : IDisposable
{
    private const int MaxListed = 20;
    private const string Hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\tcapsule\n";
    private readonly string _root;
    private readonly List<(string Host, string Inside)> _folders = [];

    private StateScratch(string root) => _root = root;

    public IReadOnlyList<SandboxBind> Binds =>
        [new(Path.Combine(_root, "hosts"), "/etc/hosts"), .. _folders.Select(f => new SandboxBind(f.Host, f.Inside, Writable: true))];

    public static StateScratch Create(AppPlan plan)
    {
        var root = Directory.CreateTempSubdirectory("noa-env-state-").FullName;
        // The sandbox's unprivileged user binds these folders, so it must pass through their parent.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Combine(root, "hosts"), Hosts);
        var scratch = new StateScratch(root);
        for (var i = 0; i < plan.State.Count; i++)
        {
            var folder = plan.State[i];
            var host = Directory.CreateDirectory(Path.Combine(root, $"{i}-{Path.GetFileName(folder.Path)}")).FullName;
            if (folder.Kind == StateFolder.Home)
                foreach (var sub in DockerfileWriter.HomeFolders)
                    Directory.CreateDirectory(Path.Combine(host, sub));
            scratch._folders.Add((host, folder.Path));
        }
        return scratch;
    }

    /// <summary>The files written in the folders, as paths inside the image (sorted, at most 20 and a count of the rest).</summary>
    public IReadOnlyList<string> Written()
    {
        var files = _folders.SelectMany(f => Directory.EnumerateFiles(f.Host, "*", SearchOption.AllDirectories)
            .Select(p => f.Inside + "/" + Path.GetRelativePath(f.Host, p).Replace('\\', '/'))).Order(StringComparer.Ordinal).ToList();
        return files.Count <= MaxListed ? files : [.. files.Take(MaxListed), $"… and {files.Count - MaxListed} more"];
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
