using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>
/// Hostile code gets nothing: escape attempts run for real in the sandbox under test. Each is refused or contained,
/// the host is unchanged (canary files and folders checked before and after), and the result names the limit that
/// ended a contained attempt.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public abstract class SandboxEscapeConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, ISandboxFixture
{
    private ISandbox Sandbox => Fixture.Sandbox;

    [Fact]
    public async Task Escape_WriteOutsideTheBinds_IsRefusedAndTheHostUnchanged()
    {
        RequireServer();
        using var canary = new Canary();
        var attempts = new[] { "/usr/noa-evil", "/etc/noa-evil", "/noa-evil", "/home/noa-evil", "/var/noa-evil", "/in/noa-evil", "/in/canary.txt" };
        var script = string.Join("; ", attempts.Select(p => $"(echo pwned > {p}) 2>/dev/null && echo wrote {p}")) + "; echo tried";

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell(script) with { Binds = [new SandboxBind(canary.Folder, "/in")] });

        Assert.Equal("tried\n", run.Stdout);
        foreach (var path in new[] { "/usr/noa-evil", "/etc/noa-evil", "/noa-evil", "/home/noa-evil", "/var/noa-evil" })
            Assert.False(File.Exists(path), path);
        canary.AssertUnchanged();
    }

    [Fact]
    public async Task Escape_ReadTheHostsShadow_GetsNothing()
    {
        RequireServer();
        if (!File.Exists("/etc/shadow"))
            Requirement.Unmet("/etc/shadow does not exist on this host");
        var shadow = File.ReadAllText("/etc/shadow");
        Assert.Contains("root:", shadow); // the control: the host's file holds what must not leak

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("cat /etc/shadow /proc/1/root/etc/shadow /proc/self/root/etc/shadow 2>&1; echo end"));

        Assert.DoesNotContain("root:", run.Stdout);
        Assert.EndsWith("end\n", run.Stdout);
    }

    [Theory]
    [InlineData(6379, "Redis")]
    [InlineData(5432, "Postgres")]
    public async Task Escape_ReachAHostServiceOnLoopback_IsRefused(int port, string service)
    {
        RequireServer();
        if (!PortOpen(IPAddress.Loopback, port))
            Requirement.Unmet($"{service} is not listening on 127.0.0.1:{port} (the control); start it with scripts/services.sh");

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell(Connect("127.0.0.1", port)));

        Assert.Equal("refused\n", run.Stdout);
    }

    [Fact]
    public async Task Escape_ReachAnyOtherAddress_FindsNoRoute()
    {
        RequireServer();
        // This machine's own non-loopback address: the only kind of address a test may aim at here.
        var own = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (own is null)
            Requirement.Unmet("this host has no non-loopback IPv4 address to aim at");

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell(Connect(own.ToString(), 5000)));

        Assert.Equal("unreachable\n", run.Stdout);
    }

    [Fact]
    public async Task Escape_ForkBomb_IsContainedAndEndsAsPids()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("bomb() { bomb | bomb & }; bomb; sleep 30",
            new SandboxLimits { Pids = 64, WallTime = TimeSpan.FromMinutes(1) }));

        Assert.Equal(SandboxTermination.Pids, run.Result.Termination);
        Assert.InRange(run.Result.Usage.PeakPids, 1, 64);
        Assert.Empty(Fixture.Leftovers(run.Id));
    }

    [Fact]
    public async Task Escape_MemoryBomb_IsContainedAndEndsAsOom()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("python3 -c 'x = []\nwhile True: x.append(bytearray(8 << 20))'",
            new SandboxLimits { MemoryBytes = 96L << 20, WallTime = TimeSpan.FromMinutes(1) }));

        Assert.Equal(SandboxTermination.Oom, run.Result.Termination);
        Assert.True(run.Result.Usage.PeakMemoryBytes <= 96L << 20, run.Result.Usage.ToString());
    }

    [Fact]
    public async Task Escape_FillTheDisk_StopsAtTheTmpfsSizeAndTheHostKeepsItsSpace()
    {
        RequireServer();
        var free = new DriveInfo("/").AvailableFreeSpace;

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell(
            "for d in /tmp /dev/shm /run /var/tmp /; do dd if=/dev/zero of=$d/fill bs=1M count=4096 2>/dev/null; done; du -sm /tmp/fill /dev/shm/fill /run/fill | cut -f1",
            new SandboxLimits { TmpfsBytes = 16L << 20, MemoryBytes = 256L << 20, WallTime = TimeSpan.FromMinutes(1) }));

        Assert.Equal(SandboxTermination.Exited, run.Result.Termination);
        Assert.All(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), mb => Assert.InRange(int.Parse(mb), 0, 16));
        Assert.True(new DriveInfo("/").AvailableFreeSpace > free - (256L << 20), "the host's disk lost space");
    }

    [Fact]
    public async Task Escape_Mount_IsRefused()
    {
        RequireServer();
        using var canary = new Canary();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell(
            "mount -t tmpfs none /tmp 2>/dev/null && echo mounted; mount --bind /in /tmp 2>/dev/null && echo bound; " +
            "unshare -r -m true 2>/dev/null && echo userns; mount -o remount,rw /in 2>/dev/null && echo remounted; echo tried") with
        {
            Binds = [new SandboxBind(canary.Folder, "/in")],
        });

        Assert.Equal("tried\n", run.Stdout);
        canary.AssertUnchanged();
    }

    [Fact]
    public async Task Escape_PtraceOrSignalAHostProcess_FindsNoSuchProcess()
    {
        RequireServer();
        var host = Environment.ProcessId;

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell(
            $"test -e /proc/{host} && echo visible; kill -0 {host} 2>/dev/null && echo signalled; " +
            $"python3 -c 'import ctypes, sys; r = ctypes.CDLL(None, use_errno=True).ptrace(16, {host}, 0, 0); print(\"attached\" if r == 0 else \"refused\", ctypes.get_errno())'"));

        Assert.StartsWith("refused", run.Stdout);
        Assert.DoesNotContain("visible", run.Stdout);
        Assert.DoesNotContain("signalled", run.Stdout);
        Assert.False(process_is_traced(host));

        static bool process_is_traced(int pid) => File.ReadLines($"/proc/{pid}/status").Any(l => l.StartsWith("TracerPid:", StringComparison.Ordinal) && l.Trim() != "TracerPid:\t0" && !l.EndsWith("\t0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Escape_SetuidRootBinary_GivesNoPrivilege()
    {
        RequireServer();
        using var folder = new TempFolder("noa-sbx-setuid");
        var id = Path.Combine(folder.Path, "id");
        File.Copy("/usr/bin/id", id);
        File.SetUnixFileMode(id, (UnixFileMode)0b100_111_101_101); // 4755: setuid root
        File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
        // The control: on the host, an unprivileged user running it gets root as its effective id.
        Assert.Equal("0", Run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", id, "-u"));

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("/suid/id -u; grep NoNewPrivs /proc/self/status | tr -d '\\t '") with
        {
            Uid = 1000, Gid = 1000, Binds = [new SandboxBind(folder.Path, "/suid")],
        });

        Assert.Equal("1000\nNoNewPrivs:1\n", run.Stdout);
    }

    [Fact]
    public async Task Escape_WriteProcSys_IsRefusedAndTheHostValueUnchanged()
    {
        RequireServer();
        var before = File.ReadAllText("/proc/sys/kernel/core_pattern");

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell(
            "(echo '|/tmp/pwn' > /proc/sys/kernel/core_pattern) 2>/dev/null && echo wrote; (echo 1 > /proc/sys/vm/drop_caches) 2>/dev/null && echo dropped; " +
            "(echo b > /proc/sysrq-trigger) 2>/dev/null && echo sysrq; echo tried"));

        Assert.Equal("tried\n", run.Stdout);
        Assert.Equal(before, File.ReadAllText("/proc/sys/kernel/core_pattern"));
    }

    [Fact]
    public async Task Escape_SymlinkPlantedInAWritableBind_NeverHandsOverAHostFile()
    {
        RequireServer();
        using var canary = new Canary();
        using var folder = new TempFolder("noa-sbx-out");
        var shadowOwner = Run("stat", "-c", "%u:%g:%a", "/etc/shadow");

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell(
            "ln -s /etc/shadow /out/report.xml; ln -s / /out/root; ln -s /canary/canary.txt /out/c; " +
            "(echo pwned > /out/c) 2>/dev/null && echo wrote-through; echo tried") with
        {
            Binds = [new SandboxBind(folder.Path, "/out", Writable: true)],
        });

        Assert.Equal("tried\n", run.Stdout);
        Assert.Equal("/etc/shadow", new FileInfo(Path.Combine(folder.Path, "report.xml")).LinkTarget);
        // Remove the planted links before the folder is cleaned up: a recursive walk must never go through them.
        foreach (var link in new[] { "report.xml", "root", "c" })
            File.Delete(Path.Combine(folder.Path, link));
        Assert.Equal(shadowOwner, Run("stat", "-c", "%u:%g:%a", "/etc/shadow")); // handing the bind back did not follow the link
        canary.AssertUnchanged();
    }

    [Fact]
    public async Task Escape_ProcessThatOutlivesItsSandbox_IsEnded()
    {
        RequireServer();
        var marker = $"{Random.Shared.Next(100, 999)}.{Random.Shared.Next(100_000, 999_999)}";

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell(
            $"setsid sh -c 'sleep {marker}' </dev/null >/dev/null 2>&1 & (nohup sleep {marker} >/dev/null 2>&1 &) ; " +
            $"sh -c '(sleep {marker} &) &' ; echo detached"));

        Assert.Equal("detached\n", run.Stdout);
        Assert.Empty(HostProcessesWith(marker));
        Assert.Empty(Fixture.Leftovers(run.Id));
    }

    private static string Connect(string host, int port) =>
        $"python3 -c \"import socket, errno\ntry:\n socket.create_connection(('{host}', {port}), timeout=5); print('connected')\n" +
        "except ConnectionRefusedError: print('refused')\nexcept OSError as e: print('unreachable' if e.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH) else e)\"";

    private static bool PortOpen(IPAddress address, int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(address, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static List<int> HostProcessesWith(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid))
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal))
                        found.Add(pid);
                }
                catch (IOException)
                {
                }
        return found;
    }

    private static string Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return text;
    }

    /// <summary>A host folder with a file, whose names, contents, modes and owners must be the same after the attempt.</summary>
    private sealed class Canary : IDisposable
    {
        private readonly TempFolder _folder = new("noa-canary");
        private readonly string _before;

        public Canary()
        {
            File.WriteAllText(Path.Combine(_folder.Path, "canary.txt"), "untouched\n");
            File.SetUnixFileMode(_folder.Path, (UnixFileMode)0b111_101_101);
            _before = Snapshot();
        }

        public string Folder => _folder.Path;

        public void AssertUnchanged() => Assert.Equal(_before, Snapshot());

        private string Snapshot() => string.Join('\n', Directory.EnumerateFileSystemEntries(_folder.Path, "*", SearchOption.AllDirectories).Order()
            .Select(p => $"{p} {Run("stat", "-c", "%u:%g:%a", p)} {(File.Exists(p) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))) : "dir")}"))
            + " " + Run("stat", "-c", "%u:%g:%a", _folder.Path);

        public void Dispose() => _folder.Dispose();
    }
}
