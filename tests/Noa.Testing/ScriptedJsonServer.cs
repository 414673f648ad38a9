using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Noa.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for an OpenAI-compatible model server: each JSON request is recorded and
/// answered by the test's script, given the request (its number from 1, path, Authorization header and body).
/// </summary>
public sealed class ScriptedJsonServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<Request, Answer> _script;
    private readonly List<Request> _requests = [];

    public ScriptedJsonServer(Func<Request, Answer> script)
    {
        _script = script;
        Endpoint = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    /// <summary>A free port nobody listens on.</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            Request request;
            lock (_requests)
            {
                request = new Request(_requests.Count + 1, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body);
                _requests.Add(request);
            }
            var answer = _script(request);
            if (answer.Delay > TimeSpan.Zero)
                await Task.Delay(answer.Delay);
            try
            {
                foreach (var (name, value) in answer.Headers)
                    context.Response.Headers[name] = value;
                var bytes = Encoding.UTF8.GetBytes(answer.Body);
                context.Response.StatusCode = answer.Status;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                // The client gave up first (a timeout test).
            }
        }
    }

    public void Dispose() => _listener.Close();

    public sealed record Request(int Number, string Path, string? Authorization, JsonNode Body);

    public sealed record Answer(int Status, string Body)
    {
        public TimeSpan Delay { get; init; }

        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    }
}
