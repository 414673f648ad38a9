using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Noa.Sandbox.Bubblewrap;

namespace Noa.Conformance;

/// <summary>
/// A sandbox's listener is bound inside its network namespace while bubblewrap's child may still be bringing the loopback
/// up, where a bind meets "Cannot assign requested address" (CI failed on it once: a Runner step's sandbox). Here a
/// namespace is held in such a state, a loopback whose address is gone, until it comes up half a second later.
/// </summary>
public sealed class NetNamespaceTests
{
    private const string NoLoopbackYet = "ip addr add 127.0.0.1/8 dev lo && ip link set lo up && ip link set lo down && ip addr flush dev lo && echo ready";

    [Fact]
    public async Task Listen_WhileTheLoopbackComesUp_WaitsForIt()
    {
        using var holder = Hold($"{NoLoopbackYet} && sleep 0.5 && ip link set lo up && sleep 30");

        var early = Assert.Throws<IOException>(() => NetNamespace.CreateSocket(holder.Id, s => s.Bind(new IPEndPoint(IPAddress.Loopback, 3128))));
        Assert.Equal(SocketError.AddressNotAvailable, Assert.IsType<SocketException>(early.InnerException).SocketErrorCode);
        using var socket = await NetNamespace.ListenAsync(holder.Id, 3128, () => holder.HasExited, CancellationToken.None);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 3128), socket.LocalEndPoint);
    }

    [Fact]
    public async Task Listen_WhenTheSandboxHasEnded_GivesUpAtOnce()
    {
        // The control: the same error from a sandbox that is gone is not waited out.
        using var holder = Hold($"{NoLoopbackYet} && sleep 30");
        var waited = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<IOException>(() => NetNamespace.ListenAsync(holder.Id, 3128, () => true, CancellationToken.None));

        Assert.Equal(SocketError.AddressNotAvailable, Assert.IsType<SocketException>(e.InnerException).SocketErrorCode);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(2), $"gave up after {waited.Elapsed}");
    }

    /// <summary>A process in a network namespace of its own, once <paramref name="script"/> has printed "ready".</summary>
    private static Holder Hold(string script)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/unshare") || !File.Exists("/usr/sbin/ip"))
            Requirement.Unmet("unshare and ip (util-linux, iproute2) run as root on Linux (scripts/capsule.sh)");
        var process = Process.Start(new ProcessStartInfo("/usr/bin/unshare", ["--net", "--", "/bin/sh", "-c", script]) { RedirectStandardOutput = true })!;
        var line = process.StandardOutput.ReadLine();
        if (line != "ready")
        {
            process.Kill();
            Assert.Fail($"the namespace's script did not get ready: {line ?? "(no output)"}");
        }
        return new Holder(process);
    }

    private sealed class Holder(Process process) : IDisposable
    {
        public int Id => process.Id;

        public bool HasExited => process.HasExited;

        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
    }
}
