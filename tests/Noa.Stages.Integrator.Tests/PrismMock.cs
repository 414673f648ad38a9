using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Noa.Stages.Integrator.Tests;

/// <summary>
/// Stoplight Prism (<c>prism mock --errors</c>, pinned in tools/prism) serving a spec on a free local port. With
/// <c>--errors</c> Prism checks every request against the spec and answers one that breaks it with a 422 (and checks its
/// own responses, a 500 when they break it), so an SDK that builds a request wrongly fails the call.
/// </summary>
internal sealed class PrismMock : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private PrismMock(Process process, StringBuilder log, string baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public string BaseAddress { get; }

    /// <summary>What Prism printed so far (each request, its validation verdict): for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    public static async Task<PrismMock> StartAsync(string spec)
    {
        var prism = Tools.RequirePrism();
        Tools.Require("node", "Debian package nodejs (Node 20), which prism runs on");
        var port = FreePort();
        var start = new ProcessStartInfo(prism) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "mock", "--errors", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), spec })
            start.ArgumentList.Add(argument);
        start.Environment["SCARF_ANALYTICS"] = "false";
        var log = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Read(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (log)
                log.AppendLine(e.Data);
            if (e.Data.Contains("Prism is listening", StringComparison.Ordinal))
                listening.TrySetResult();
        }
        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"prism exited with {process.ExitCode} before listening:\n{log}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var mock = new PrismMock(process, log, $"http://127.0.0.1:{port}");
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch
        {
            await mock.DisposeAsync();
            throw;
        }
        return mock;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
