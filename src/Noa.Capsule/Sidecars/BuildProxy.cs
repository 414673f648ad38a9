using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Capsule.Sidecars;

/// <summary>
/// The build proxy: the Docker Engine API's build endpoint on a unix socket bound into the capsule at
/// <c>/run/docker.sock</c>, forwarding to the outer <see cref="IImageBuilder"/>: the Debian <c>docker</c> CLI's
/// <c>docker build</c> works inside with no daemon, and its layers land in (and come from) the outer cache. Served:
/// <c>/_ping</c>, <c>/version</c>, <c>/info</c>, <c>POST /build</c> (the legacy builder's protocol: a tar context in, JSON
/// messages out). Tags given inside are kept under <c>localhost/noa-capsule/{capsule}/</c>, so a capsule can never move a
/// name outside it (a base image, another capsule's image). <c>RUN</c> steps of these builds get no network.
/// </summary>
internal sealed class BuildProxy(IImageBuilder images, string capsuleId, string socketPath) : IAsyncDisposable
{
    private const long MaxContextBytes = 4L << 30;
    private readonly Socket _listener = Listen(socketPath);
    private Task _serving = Task.CompletedTask;

    public string SocketPath { get; } = socketPath;

    public string TagPrefix => $"localhost/noa-capsule/{capsuleId}/";

    public void Start(string id, CancellationToken cancellationToken)
    {
        _ = id;
        _serving = Task.Run(() => ServeAsync(cancellationToken), CancellationToken.None);
    }

    private static Socket Listen(string path)
    {
        if (File.Exists(path))
            File.Delete(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen(16);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
        return socket;
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
                _ = Task.Run(() => HandleAsync(client, cancellationToken), CancellationToken.None);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task HandleAsync(Socket client, CancellationToken cancellationToken)
    {
        using var _ = client;
        await using var stream = new NetworkStream(client, ownsSocket: false);
        var reader = new BufferedReader(stream);
        try
        {
            while (await HttpMessage.ReadHeadAsync(reader, cancellationToken).ConfigureAwait(false) is { } request)
            {
                var path = StripVersion(request.Path);
                if (path == "/_ping")
                    await RespondAsync(stream, 200, "text/plain; charset=utf-8", request.Method == "HEAD" ? "" : "OK").ConfigureAwait(false);
                else if (path == "/version" && request.Method == "GET")
                    await RespondAsync(stream, 200, "application/json", JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["Version"] = "20.10.24-noa-build-proxy", ["ApiVersion"] = "1.41", ["MinAPIVersion"] = "1.12", ["Os"] = "linux", ["Arch"] = "amd64",
                        ["Components"] = new[] { new { Name = "noa build proxy", Version = "1", Details = new { Builder = "outer IImageBuilder" } } },
                    })).ConfigureAwait(false);
                else if (path == "/info" && request.Method == "GET")
                    await RespondAsync(stream, 200, "application/json", """{"OSType":"linux","Architecture":"x86_64","Name":"noa-build-proxy","ServerVersion":"20.10.24-noa-build-proxy"}""").ConfigureAwait(false);
                else if (path == "/build" && request.Method == "POST")
                {
                    await BuildAsync(request, reader, stream, cancellationToken).ConfigureAwait(false);
                    return; // the build's answer ends with the connection
                }
                else
                    await RespondAsync(stream, 404, "application/json", JsonSerializer.Serialize(new { message = $"noa build proxy: {request.Method} {request.Path} is not served (only the build API is)" })).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException or OperationCanceledException or FormatException)
        {
            // A broken request or a client gone: the connection closes.
        }
    }

    private async Task BuildAsync(HttpMessage request, BufferedReader reader, Stream stream, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("noa-build-proxy-");
        try
        {
            var tar = Path.Combine(work.FullName, "context.tar");
            await using (var file = File.Create(tar))
                await request.CopyBodyAsync(reader, file, MaxContextBytes, cancellationToken).ConfigureAwait(false);
            var context = Directory.CreateDirectory(Path.Combine(work.FullName, "context")).FullName;
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"), cancellationToken).ConfigureAwait(false);
            async Task Say(object message)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message) + "\r\n"), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            try
            {
                var skipped = await BuildContext.ExtractAsync(tar, context, cancellationToken).ConfigureAwait(false);
                if (skipped > 0)
                    await Say(new { stream = $"noa build proxy: {skipped} links or special files of the context were left out\n" }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                await Say(new { errorDetail = new { message = e.Message }, error = e.Message }).ConfigureAwait(false);
                return;
            }
            var tags = (request.Query.TryGetValue("t", out var t) ? t.Split(',', StringSplitOptions.RemoveEmptyEntries) : []).Select(Namespaced).ToList();
            var build = new ImageBuildRequest
            {
                ContextDirectory = context,
                Dockerfile = request.Query.GetValueOrDefault("dockerfile") is { Length: > 0 } d ? d : "Dockerfile",
                Tags = tags,
                BuildArgs = JsonMap(request.Query.GetValueOrDefault("buildargs")),
                Labels = JsonMap(request.Query.GetValueOrDefault("labels")),
                Target = request.Query.GetValueOrDefault("target") is { Length: > 0 } target ? target : null,
                NoCache = request.Query.GetValueOrDefault("nocache") is "1" or "true",
                Network = false,
            };
            var lines = new Progress<string>(line => _ = Say(new { stream = line + "\n" }));
            ImageBuildResult result;
            try
            {
                result = await images.BuildAsync(build, lines, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                await Say(new { errorDetail = new { message = e.Message }, error = e.Message }).ConfigureAwait(false);
                return;
            }
            if (!result.Succeeded)
            {
                await Say(new { errorDetail = new { message = result.Error }, error = result.Error }).ConfigureAwait(false);
                return;
            }
            await Say(new { aux = new { ID = result.ImageId } }).ConfigureAwait(false);
            await Say(new { stream = $"Successfully built {result.ImageId!["sha256:".Length..][..12]}\n" }).ConfigureAwait(false);
            foreach (var tag in tags)
                await Say(new { stream = $"Successfully tagged {tag}\n" }).ConfigureAwait(false);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private string Namespaced(string tag)
    {
        var name = tag.Trim().ToLowerInvariant();
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && (name[..slash].Contains('.', StringComparison.Ordinal) || name[..slash].Contains(':', StringComparison.Ordinal) || name[..slash] == "localhost"))
            name = name[(slash + 1)..];
        return TagPrefix + name;
    }

    private static Dictionary<string, string> JsonMap(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string?>>(json)?.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string StripVersion(string path)
    {
        if (path.Length > 2 && path[1] == 'v')
        {
            var next = path.IndexOf('/', 1);
            if (next > 0 && double.TryParse(path[2..next], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return path[next..];
        }
        return path;
    }

    private static async Task RespondAsync(Stream stream, int status, string type, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var reason = status == 200 ? "OK" : "Not Found";
        var head = string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: {type}\r\nContent-Length: {bytes.Length}\r\nApi-Version: 1.41\r\nDocker-Experimental: false\r\nOstype: linux\r\nBuilder-Version: 1\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
        await stream.WriteAsync(bytes).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (File.Exists(SocketPath))
            File.Delete(SocketPath);
        var folder = Path.GetDirectoryName(SocketPath)!;
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            Directory.Delete(folder);
    }
}
