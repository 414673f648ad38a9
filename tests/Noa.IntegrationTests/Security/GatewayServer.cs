using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Noa.IntegrationTests.Security;

/// <summary>
/// The attacked server: one real <c>noa serve --target all</c> process on the embedded stores (SQLite, artifact folder,
/// in-process bus, embedded vectors) under <c>{root}/home</c>, with a bootstrap admin key from a file, local sources
/// allowed only below <c>{root}/sources</c>, and everything it prints kept for assertions.
/// </summary>
internal sealed class GatewayServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayServer(Process process, string root, int port, string adminKey)
    {
        (_process, Root, Port) = (process, root, port);
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Admin = Client(adminKey);
    }

    public string Root { get; }

    public string Home => Path.Combine(Root, "home");

    public string Sources => Path.Combine(Root, "sources");

    public int Port { get; }

    public Uri BaseAddress { get; }

    public HttpClient Admin { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the server under <paramref name="root"/> and waits until <c>/healthz</c> answers.</summary>
    public static async Task<GatewayServer> StartAsync(string root, IDictionary<string, string>? settings = null)
    {
        Directory.CreateDirectory(Path.Combine(root, "sources"));
        var adminKey = $"noa_admin_{Guid.NewGuid():N}{Guid.NewGuid():N}";
        var keyFile = Path.Combine(root, "bootstrap.key");
        await File.WriteAllTextAsync(keyFile, adminKey + "\n");
        var port = FreePort();
        var info = NoaProcess.StartInfo(Path.Combine(root, "home"), "serve", "--target", "all", "--urls", $"http://127.0.0.1:{port}");
        info.Environment["Noa__Gateway__BootstrapKeyFile"] = keyFile;
        info.Environment["Noa__Gateway__AllowLocalSources"] = "true";
        info.Environment["Noa__Intake__AllowedFileRoots__0"] = Path.Combine(root, "sources");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            if (value.Length == 0)
                info.Environment.Remove(name);
            else
                info.Environment[name] = value;
        }
        var process = new Process { StartInfo = info };
        var server = new GatewayServer(process, root, port, adminKey);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (process.HasExited)
                Assert.Fail($"noa serve exited ({process.ExitCode}) before it answered:\n{server.Logs()}");
            try
            {
                using var health = await server.Admin.GetAsync("/healthz");
                if (health.IsSuccessStatusCode)
                    return server;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            await Task.Delay(200);
        }
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A key of <paramref name="tenant"/> (null: a tenant of its own) with the scopes, as the admin creates it.</summary>
    public async Task<string> CreateKeyAsync(string? tenant, params string[] scopes)
    {
        using var response = await Admin.PostAsJsonAsync("/admin/keys", new { name = "attack test", scopes, tenant });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>POST /digest; the run id.</summary>
    public async Task<string> DigestAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/digest", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}\n{Logs()}");
        return JsonDocument.Parse(text).RootElement.GetProperty("runId").GetString()!;
    }

    /// <summary>Polls GET /runs/{id} until the run ended; its record.</summary>
    public async Task<JsonElement> WaitForEndAsync(HttpClient client, string runId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                Assert.Fail($"noa serve exited ({_process.ExitCode}):\n{Logs()}");
            var run = (await client.GetFromJsonAsync<JsonElement>($"/runs/{runId}")).GetProperty("run");
            if (run.GetProperty("state").GetString() is not ("queued" or "running"))
                return run;
            await Task.Delay(250);
        }
        throw new TimeoutException($"run {runId} did not end within {timeout}\n{Logs()}");
    }

    public string Logs()
    {
        lock (_output)
            return _output.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
