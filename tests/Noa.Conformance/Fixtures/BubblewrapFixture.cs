using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Sandbox.Bubblewrap;

namespace Noa.Conformance;

/// <summary>
/// The bubblewrap sandbox of this host (bubblewrap and util-linux installed by scripts/capsule.sh, run as root with
/// cgroups v1 or v2), its sandboxes' cgroups under a parent of this test class's own.
/// </summary>
public sealed class BubblewrapFixture : ISandboxFixture, IDisposable
{
    private readonly BubblewrapSettings _settings;

    /// <summary>Checks what the adapter needs and creates it.</summary>
    public BubblewrapFixture()
    {
        // A normal process's CPU weight: the suites time limits of half a second, which the product's default weight (10,
        // yielding contended cores to the host) would stretch on a busy machine; BubblewrapCpuWeightTests measures the weight.
        _settings = new BubblewrapSettings
        {
            CgroupParent = $"noa-test-{Guid.NewGuid():N}"[..20], StateDirectory = "/run/noa-sandbox-test", CpuWeight = 100,
        };
        Unavailable = Why();
        Sandbox = new BubblewrapSandbox(Options.Create(_settings));
    }

    /// <inheritdoc />
    public string? Unavailable { get; }

    /// <inheritdoc />
    public ISandbox Sandbox { get; }

    /// <summary>The settings the sandbox runs with.</summary>
    public BubblewrapSettings Settings => _settings;

    /// <inheritdoc />
    public IReadOnlyList<string> Leftovers(string sandboxId)
    {
        var left = new List<string>();
        foreach (var hierarchy in CgroupFolders())
        {
            var folder = Path.Combine(hierarchy, _settings.CgroupParent, sandboxId);
            if (Directory.Exists(folder))
                left.Add("cgroup " + folder);
        }
        var state = Path.Combine(_settings.StateDirectory, sandboxId);
        if (Directory.Exists(state))
            left.Add("state " + state);
        return left;
    }

    /// <summary>Every cgroup hierarchy mounted on this host (the v2 root, or each v1 controller's folder).</summary>
    public static IReadOnlyList<string> CgroupFolders() =>
        File.Exists("/sys/fs/cgroup/cgroup.controllers")
            ? ["/sys/fs/cgroup"]
            : Directory.EnumerateDirectories("/sys/fs/cgroup").Where(d => File.Exists(Path.Combine(d, "cgroup.procs"))).ToList();

    /// <summary>Removes this class's parent cgroups (empty once every sandbox has ended).</summary>
    public void Dispose()
    {
        foreach (var hierarchy in CgroupFolders())
        {
            var parent = Path.Combine(hierarchy, _settings.CgroupParent);
            if (Directory.Exists(parent))
                Directory.Delete(parent);
        }
    }

    private static string? Why()
    {
        if (!OperatingSystem.IsLinux())
            return "the bubblewrap sandbox needs Linux";
        if (Environment.UserName != "root")
            return "the bubblewrap sandbox's worker runs as root (it gives each sandbox its own unprivileged host user)";
        foreach (var tool in new[] { "bwrap", "setpriv", "nsenter", "python3" })
            if (!OnPath(tool))
                return $"{tool} is not installed (scripts/capsule.sh installs bubblewrap and util-linux)";
        return null;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));
}
