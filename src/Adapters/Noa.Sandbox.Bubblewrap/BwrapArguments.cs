using System.Globalization;
using Noa.Abstractions;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// The bubblewrap command line of a spec: every namespace unshared (the network keeps only its loopback), a user
/// namespace whose ids map to one unprivileged host user, no capabilities, no nested user namespaces, a new session
/// (no terminal injection), a fresh <c>/proc</c>, <c>/dev</c> and tmpfs scratch, the root's entries read-only, the binds,
/// and a clean environment.
/// </summary>
internal static class BwrapArguments
{
    public static List<string> For(SandboxSpec spec, BubblewrapSettings settings, bool block)
    {
        var args = new List<string>
        {
            "--unshare-all", "--unshare-user", "--disable-userns",
            "--uid", Int(spec.Uid), "--gid", Int(spec.Gid),
            "--hostname", spec.Hostname,
            "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--info-fd", "3",
        };
        if (block)
            args.AddRange(["--block-fd", "4"]);

        var root = spec.RootFs;
        foreach (var (name, link, isDirectory) in RootLayout.Of(root).Entries)
        {
            var source = Path.Combine(root ?? "/", name);
            if (link is not null)
                args.AddRange(["--symlink", link, "/" + name]);
            else
                args.AddRange(["--ro-bind", source, "/" + name]);
            _ = isDirectory;
        }
        if (root is null)
            foreach (var masked in settings.MaskedHostFiles)
                if (Directory.Exists(masked))
                    args.AddRange(["--tmpfs", masked, "--remount-ro", masked]);
                else if (File.Exists(masked))
                    args.AddRange(["--ro-bind", "/dev/null", masked]);

        args.AddRange(["--proc", "/proc", "--dev", "/dev"]);
        var size = Int(spec.Limits.TmpfsBytes);
        args.AddRange(["--perms", "1777", "--size", size, "--tmpfs", "/dev/shm"]);
        args.AddRange(["--perms", "0755", "--size", size, "--tmpfs", "/run"]);
        foreach (var tmpfs in spec.Tmpfs)
            args.AddRange(["--perms", tmpfs is "/tmp" or "/var/tmp" ? "1777" : "0755", "--size", size, "--tmpfs", tmpfs]);
        foreach (var bind in spec.Binds)
            args.AddRange([bind.Writable ? "--bind" : "--ro-bind", bind.Source, bind.Target]);

        // bubblewrap's own root is a tmpfs: read-only, nothing can be written outside the binds and the scratch folders.
        args.AddRange(["--remount-ro", "/"]);
        args.Add("--clearenv");
        foreach (var (name, value) in spec.Environment)
            args.AddRange(["--setenv", name, value]);
        args.AddRange(["--chdir", spec.WorkingDirectory, "--"]);
        args.AddRange(spec.Command);
        return args;
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
