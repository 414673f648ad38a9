using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Noa.Stages.Runner.Tests.Repair;

/// <summary>
/// A tiny server on 127.0.0.1 speaking OpenAI's <c>POST /v1/chat/completions</c>: each request is answered by the test's script
/// (given the request's number, from 1, and its body): a message's content, or a raw status and body, after an optional delay.
/// </summary>
public sealed class ChatServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, JsonNode, Answer> _script;
    private readonly List<(string Path, JsonNode Body)> _requests = [];

    public ChatServer(Func<int, JsonNode, Answer> script)
    {
        _script = script;
        Endpoint = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<(string Path, JsonNode Body)> Requests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    /// <summary>A chat answer whose message is the JSON the Runner asks for.</summary>
    public static Answer Propose(string command, string reason) => Message(JsonSerializer.Serialize(new { command, reason }));

    /// <summary>A chat answer with this message content.</summary>
    public static Answer Message(string content) => new(200, JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1", @object = "chat.completion", model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
    }));

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
            int n;
            lock (_requests)
            {
                _requests.Add((context.Request.Url!.AbsolutePath, body));
                n = _requests.Count;
            }
            var answer = _script(n, body);
            if (answer.Delay > TimeSpan.Zero)
                await Task.Delay(answer.Delay);
            try
            {
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

    public sealed record Answer(int Status, string Body)
    {
        public TimeSpan Delay { get; init; }
    }
}
