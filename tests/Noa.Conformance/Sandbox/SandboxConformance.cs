using System.Net;
using System.Net.Sockets;
using System.Text;
using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>
/// What every <see cref="ISandbox"/> must do: run a command with exactly the environment, user, root and binds it is
/// given, no network but its loopback, stream its output, report its usage, and end it at each limit naming the limit.
/// The escape attempts are <see cref="SandboxEscapeConformance{TFixture}"/>.
/// </summary>
public abstract class SandboxConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, ISandboxFixture
{
    private ISandbox Sandbox => Fixture.Sandbox;

    [Fact]
    public async Task Start_Shell_StreamsBothOutputsAndTheExitCode()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("echo hello; echo oops >&2; exit 3"));

        Assert.Equal((SandboxTermination.Exited, 3), (run.Result.Termination, run.Result.ExitCode));
        Assert.Equal(("hello\n", "oops\n"), (run.Stdout, run.Stderr));
        Assert.Equal((6, 5), (run.Result.Usage.StdoutBytes, run.Result.Usage.StderrBytes));
        Assert.Empty(Fixture.Leftovers(run.Id));
    }

    [Fact]
    public async Task Start_Environment_IsExactlyTheSpecs()
    {
        RequireServer();
        Environment.SetEnvironmentVariable("NOA_HOST_ONLY", "leak");

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("env") with
        {
            Command = ["/usr/bin/env"],
            Environment = new Dictionary<string, string> { ["A"] = "1", ["PATH"] = "/usr/bin:/bin" },
        });

        Assert.Equal(["A=1", "PATH=/usr/bin:/bin", "PWD=/"], run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task Start_User_IsTheSpecsInsideAndNeverRootOutside(int uid)
    {
        RequireServer();
        var marker = $"{Random.Shared.Next(100, 999)}.{Random.Shared.Next(100_000, 999_999)}";
        await using var process = await Sandbox.StartAsync(SandboxRun.Shell($"id -u; id -g; exec sleep {marker}") with { Uid = uid, Gid = uid });
        var ids = new StringBuilder();
        while (ids.ToString().Count(c => c == '\n') < 2 && await process.Output.WaitToReadAsync())
            while (process.Output.TryRead(out var chunk))
                ids.Append(Encoding.UTF8.GetString(chunk.Data.Span));

        // Seen from the host, every process of the sandbox runs as an unprivileged user, whatever it is inside.
        var hostIds = HostIdsOf(marker);
        await process.StopAsync();

        Assert.Equal($"{uid}\n{uid}\n", ids.ToString());
        Assert.NotEmpty(hostIds);
        Assert.All(hostIds, line => Assert.DoesNotContain(line.Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(1), id => id == "0"));
    }

    [Fact]
    public async Task Start_Network_HasOnlyItsLoopback()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '"));

        Assert.Equal("lo\n", run.Stdout);
    }

    [Fact]
    public async Task Start_WorkingDirectoryAndHostname_AreTheSpecs()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("pwd; hostname") with { WorkingDirectory = "/tmp", Hostname = "unit" });

        Assert.Equal("/tmp\nunit\n", run.Stdout);
    }

    [Fact]
    public async Task Start_Binds_ReadOnlyRefusesWritesAndWritableLandsOnTheHostOwnedAsBefore()
    {
        RequireServer();
        using var folder = new TempFolder("noa-sbx-binds");
        var input = Directory.CreateDirectory(Path.Combine(folder.Path, "in")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(folder.Path, "work")).FullName;
        File.WriteAllText(Path.Combine(input, "data.txt"), "given\n");
        var spec = SandboxRun.Shell("cat /in/data.txt; echo x > /in/new.txt || echo refused; mkdir -p /work/sub && echo made > /work/sub/out.txt") with
        {
            Binds = [new SandboxBind(input, "/in"), new SandboxBind(work, "/work", Writable: true)],
        };
        var ownerBefore = Owner(work);

        var run = await SandboxRun.Of(Sandbox, spec);

        Assert.True(run.Result.Succeeded, run.ToString());
        Assert.Equal("given\nrefused\n", run.Stdout);
        Assert.False(File.Exists(Path.Combine(input, "new.txt")));
        Assert.Equal("made\n", File.ReadAllText(Path.Combine(work, "sub", "out.txt")));
        Assert.Equal(ownerBefore, Owner(work));
        Assert.Equal(ownerBefore, Owner(Path.Combine(work, "sub", "out.txt")));
    }

    [Fact]
    public async Task Start_Stdin_ReachesTheCommand()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("cat") with { Stdin = true }, async p =>
        {
            await p.Input!.WriteAsync("piped\n"u8.ToArray());
            p.Input.Close();
        });

        Assert.Equal("piped\n", run.Stdout);
    }

    [Fact]
    public async Task Start_NoStdin_ReadsEndOfFile()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("cat; echo done"));

        Assert.Equal("done\n", run.Stdout);
    }

    [Fact]
    public async Task Start_Output_ArrivesBeforeTheEnd()
    {
        RequireServer();
        await using var process = await Sandbox.StartAsync(SandboxRun.Shell("echo first; sleep 30"));

        var chunk = await process.Output.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("first\n", Encoding.UTF8.GetString(chunk.Data.Span));
        Assert.False(process.Completion.IsCompleted);
    }

    [Fact]
    public async Task Stop_Running_EndsItAsStoppedAndLeavesNothing()
    {
        RequireServer();
        await using var process = await Sandbox.StartAsync(SandboxRun.Shell("sleep 600 & sleep 600"));

        await process.StopAsync();
        var result = await process.Completion;

        Assert.Equal(SandboxTermination.Stopped, result.Termination);
        Assert.True(result.Usage.WallTime < TimeSpan.FromSeconds(30));
        Assert.Empty(Fixture.Leftovers(process.Id));
    }

    [Fact]
    public async Task Limit_Memory_EndsItAsOom()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("python3 -c 'b = bytearray(256 << 20); print(len(b))'",
            new SandboxLimits { MemoryBytes = 64L << 20, TmpfsBytes = 8L << 20, WallTime = TimeSpan.FromMinutes(1) }));

        Assert.Equal(SandboxTermination.Oom, run.Result.Termination);
        Assert.Equal("", run.Stdout);
        Assert.Empty(Fixture.Leftovers(run.Id));
    }

    [Fact]
    public async Task Limit_Memory_AllowsWhatFits()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("python3 -c 'b = bytearray(48 << 20); b[::4096] = b\"x\" * len(b[::4096]); print(len(b))'",
            new SandboxLimits { MemoryBytes = 256L << 20, WallTime = TimeSpan.FromMinutes(1) }));

        Assert.True(run.Result.Succeeded, run.ToString());
        Assert.InRange(run.Result.Usage.PeakMemoryBytes, 48L << 20, 256L << 20);
        Assert.True(run.Result.Usage.CpuTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task Limit_Pids_EndsItAsPids()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("for i in $(seq 1 64); do sleep 30 & done; wait",
            new SandboxLimits { Pids = 16, WallTime = TimeSpan.FromMinutes(1) }));

        Assert.Equal(SandboxTermination.Pids, run.Result.Termination);
        Assert.True(run.Result.Usage.WallTime < TimeSpan.FromSeconds(30), run.ToString());
        Assert.Empty(Fixture.Leftovers(run.Id));
    }

    [Fact]
    public async Task Limit_WallTime_EndsItAsTimeout()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("echo started; sleep 60", new SandboxLimits { WallTime = TimeSpan.FromMilliseconds(500) }));

        Assert.Equal(SandboxTermination.Timeout, run.Result.Termination);
        Assert.Equal("started\n", run.Stdout);
        Assert.InRange(run.Result.Usage.WallTime, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Limit_Output_DeliversExactlyTheLimitAndEndsItAsOutput()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("yes", new SandboxLimits { OutputBytes = 64 << 10, WallTime = TimeSpan.FromMinutes(1) }));

        Assert.Equal(SandboxTermination.Output, run.Result.Termination);
        Assert.Equal(64 << 10, Encoding.UTF8.GetByteCount(run.Stdout));
    }

    [Fact]
    public async Task Limit_Tmpfs_RefusesWritesPastItsSize()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("head -c 1048576 /dev/zero > /tmp/a && echo fits; head -c 8388608 /dev/zero > /tmp/b || echo full",
            new SandboxLimits { TmpfsBytes = 4L << 20, WallTime = TimeSpan.FromMinutes(1) }));

        Assert.Equal("fits\nfull\n", run.Stdout);
        Assert.Contains("No space left", run.Stderr);
    }

    [Fact]
    public async Task Limit_Cpus_HoldsCpuTimeToTheQuota()
    {
        RequireServer();
        // Two busy loops for 3 s of wall time: without the quota they take up to 6 s of CPU; 0.1 core allows 0.3 s.
        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("(while :; do :; done) & while :; do :; done",
            new SandboxLimits { Cpus = 0.1, WallTime = TimeSpan.FromSeconds(3) }));

        Assert.Equal(SandboxTermination.Timeout, run.Result.Termination);
        Assert.True(run.Result.Usage.CpuTime < TimeSpan.FromSeconds(0.1 * run.Result.Usage.WallTime.TotalSeconds + 0.25), run.Result.Usage.ToString());
    }

    [Fact]
    public async Task Exec_WhileRunning_SharesPidsTmpAndHostname()
    {
        RequireServer();
        await using var process = await Sandbox.StartAsync(SandboxRun.Shell("echo shared > /tmp/mark; exec sleep 60") with { Hostname = "execd" });
        await WaitForAsync(process, "/tmp/mark");

        await using var exec = await process.ExecAsync(new SandboxExec
        {
            Command = ["/bin/sh", "-c", "cat /tmp/mark; hostname; cat /proc/2/cmdline | tr '\\0' ' '; echo; id -u"],
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
        });
        var (stdout, stderr) = await SandboxRun.Collect(exec);
        var result = await exec.Completion;

        Assert.True(result.Succeeded, $"{result.Termination} {result.ExitCode}: {stderr}");
        Assert.Equal("shared\nexecd\nsleep 60 \n0\n", stdout);
        Assert.False(process.Completion.IsCompleted);
    }

    [Fact]
    public async Task Exec_RightAfterStart_WaitsForTheCommandInsteadOfSayingTheSandboxEnded()
    {
        RequireServer();
        // No wait between start and exec: on a busy host the sandbox may still be setting up (seen in make test at load 35).
        for (var i = 0; i < 5; i++)
        {
            await using var process = await Sandbox.StartAsync(SandboxRun.Shell("exec sleep 60"));
            await using var exec = await process.ExecAsync(new SandboxExec { Command = ["/bin/true"] });

            var result = await exec.Completion;
            Assert.True(result.Succeeded, $"{result.Termination} {result.ExitCode}: {result.Detail}");
            Assert.False(process.Completion.IsCompleted);
        }
    }

    [Fact]
    public async Task Exec_AfterTheCommandEnded_SaysSo()
    {
        RequireServer();
        await using var process = await Sandbox.StartAsync(SandboxRun.Shell("exit 0"));
        await process.Completion;

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => process.ExecAsync(new SandboxExec { Command = ["/bin/true"] }));
        Assert.Contains("has ended", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InnerListener_BoundBeforeTheCommand_CarriesTrafficFromInside()
    {
        RequireServer();
        var spec = SandboxRun.Shell("python3 -c \"import socket; s = socket.create_connection(('127.0.0.1', 3128)); s.sendall(b'ping'); print(s.recv(16).decode())\"")
            with { InnerListeners = [3128] };
        await using var process = await Sandbox.StartAsync(spec);
        using var accepted = await process.Listener(3128).AcceptAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var buffer = new byte[4];
        await accepted.ReceiveAsync(buffer);
        await accepted.SendAsync("pong"u8.ToArray());

        var (stdout, _) = await SandboxRun.Collect(process);

        Assert.Equal("ping", Encoding.ASCII.GetString(buffer));
        Assert.Equal("pong\n", stdout);
    }

    [Fact]
    public async Task Connect_ToAServiceInside_ReachesIt()
    {
        RequireServer();
        var spec = SandboxRun.Shell("python3 -c \"import socket; s = socket.socket(); s.bind(('127.0.0.1', 8000)); s.listen(); print('up', flush=True); c, _ = s.accept(); c.sendall(b'hello from inside'); c.close()\"");
        await using var process = await Sandbox.StartAsync(spec);
        var up = await process.Output.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("up\n", Encoding.UTF8.GetString(up.Data.Span));

        using var socket = await process.ConnectAsync(8000);
        var buffer = new byte[64];
        var n = await socket.ReceiveAsync(buffer);

        Assert.Equal("hello from inside", Encoding.ASCII.GetString(buffer, 0, n));
        using var host = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(() => host.ConnectAsync(new IPEndPoint(IPAddress.Loopback, 8000)));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode); // the host's loopback is another network
    }

    [Fact]
    public async Task Start_InvalidSpec_NamesEveryBadField()
    {
        RequireServer();
        var spec = SandboxRun.Shell("true") with
        {
            Binds = [new SandboxBind("/nonexistent/noa", "/x")],
            WorkingDirectory = "relative",
            Limits = new SandboxLimits { MemoryBytes = 1, Pids = 0 },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Sandbox.StartAsync(spec));

        foreach (var field in new[] { "binds[0].source", "workingDirectory", "limits.memoryBytes", "limits.pids" })
            Assert.Contains(field, error.Message);
    }

    [Fact]
    public async Task Start_UnknownProgram_ExitsWithTheShellsNotFound()
    {
        RequireServer();

        var run = await SandboxRun.Of(Sandbox, SandboxRun.Shell("") with { Command = ["/no/such/program"] });

        Assert.False(run.Result.Succeeded);
        Assert.Contains("/no/such/program", run.Stderr + run.Result.Detail);
        Assert.Empty(Fixture.Leftovers(run.Id));
    }

    private static async Task WaitForAsync(ISandboxProcess process, string file)
    {
        for (var i = 0; i < 300 && !process.Completion.IsCompleted; i++)
        {
            await using var probe = await process.ExecAsync(new SandboxExec { Command = ["/bin/test", "-f", file] });
            if ((await probe.Completion).Succeeded)
                return;
            await Task.Delay(100);
        }
        Assert.Fail($"{file} did not appear in the sandbox");
    }

    private static List<string> HostIdsOf(string marker)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal))
                    found.AddRange(File.ReadLines(Path.Combine(dir, "status")).Where(l => l.StartsWith("Uid:", StringComparison.Ordinal) || l.StartsWith("Gid:", StringComparison.Ordinal)));
            }
            catch (IOException)
            {
            }
        return found;
    }

    private static string Owner(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u:%g", path]) { RedirectStandardOutput = true })!;
        var owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return owner;
    }
}
