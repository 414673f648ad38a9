using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Noa.IntegrationTests;

/// <summary>
/// One real <c>noa serve</c> process on the embedded defaults (in-process bus, SQLite, artifact folder) under a home of the
/// test's, with the gateway's bootstrap admin key and local sources allowed, reached over HTTP. Stopped with SIGTERM
/// (<see cref="TerminateAsync"/>) or SIGKILL (<see cref="KillAsync"/>); a new one on the same home is a restart.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, int port, string key)
    {
        (_process, Port, Key) = (process, port, key);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public int Port { get; }

    public string Key { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>noa serve --target {target}</c> on <paramref name="home"/> and waits until it answers <c>/healthz</c>.</summary>
    public static async Task<ServeProcess> StartAsync(string home, string target = "all", IDictionary<string, string>? settings = null, int? port = null)
    {
        Directory.CreateDirectory(home);
        var keyFile = Path.Combine(home, "..", Path.GetFileName(home) + ".key");
        if (!File.Exists(keyFile))
            await File.WriteAllTextAsync(keyFile, $"noa_it_{Guid.NewGuid():N}{Guid.NewGuid():N}");
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        var chosen = port ?? FreePort();
        var info = NoaProcess.StartInfo(home, "serve", "--target", target, "--urls", $"http://127.0.0.1:{chosen}");
        info.Environment["Noa__Gateway__AllowLocalSources"] = "true";
        info.Environment["Noa__Gateway__BootstrapKeyFile"] = keyFile;
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        var process = new Process { StartInfo = info };
        var serve = new ServeProcess(process, chosen, key);
        process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (process.HasExited)
                Assert.Fail($"noa serve exited ({process.ExitCode}) before it answered:\n{serve.Logs()}");
            try
            {
                using var health = await serve.Http.GetAsync("/healthz");
                if (health.IsSuccessStatusCode)
                    return serve;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            await Task.Delay(200);
        }
    }

    public async Task<string> DigestAsync(string source, params string[] only)
    {
        using var response = await Http.PostAsJsonAsync("/digest", only.Length == 0 ? (object)new { source } : new { source, only });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}\n{Logs()}");
        return JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString()!;
    }

    /// <summary><c>GET /runs/{id}</c>: the run and its attempts.</summary>
    public async Task<JsonElement> RunAsync(string runId)
    {
        using var response = await Http.GetAsync($"/runs/{runId}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<string> StateAsync(string runId) => (await RunAsync(runId)).GetProperty("run").GetProperty("state").GetString()!;

    /// <summary>Polls until every run has ended; returns their final records.</summary>
    public async Task<JsonElement[]> WaitForEndAsync(IEnumerable<string> runIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var ids = runIds.ToArray();
        while (true)
        {
            Assert.False(_process.HasExited, $"noa serve exited ({(_process.HasExited ? _process.ExitCode : 0)}):\n{Logs()}");
            var runs = new List<JsonElement>();
            foreach (var id in ids)
                runs.Add((await RunAsync(id)).GetProperty("run"));
            if (runs.All(r => r.GetProperty("state").GetString() is not ("queued" or "running")))
                return [.. runs];
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"runs still open after {timeout}: {string.Join(", ", runs.Select(r => r.GetRawText()))}\n{Logs()}");
            await Task.Delay(250);
        }
    }

    /// <summary>SIGTERM: the host stops as it does under a process manager, and the process exits.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: nothing of the process runs again.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public string Logs()
    {
        lock (_output)
            return _output.Length > 30_000 ? _output.ToString(_output.Length - 30_000, 30_000) : _output.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
        Http.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
            _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
