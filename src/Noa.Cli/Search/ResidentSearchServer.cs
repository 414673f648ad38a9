using System.Net.Sockets;
using System.Text.Json;
using Noa.Embeddings.Search;

namespace Noa.Cli.Search;

/// <summary>
/// The resident search process (<c>noa search-resident</c>, started by <c>noa search</c>, like Gradle's daemon): loads the
/// stores and the query model once, then answers searches on a Unix socket in the home's <c>search/</c> folder (owner-only)
/// until it has been idle for <see cref="ResidentSearchSettings.Idle"/>. One per home: a lock file held for its life (its pid in <c>resident.pid</c>). The
/// vector store loads a collection again when a digest changed it, so answers follow the index. It refuses a request from
/// another build or with other settings and exits, so the CLI can start one that matches.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class ResidentSearchServer(string home, GlobalOptions global, CliSettings configuration, ResidentSearchSettings settings)
{
    private const int MaxRequestBytes = 64 * 1024;
    private readonly string _build = ResidentSearchProtocol.Build();
    private readonly string _settings = ResidentSearchProtocol.Settings(configuration);

    /// <summary>Serves until idle or refused; 0 also when another process already serves this home.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ResidentSearchProtocol.Folder(home), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var held = await LockAsync(cancellationToken);
        if (held is null)
        {
            Say("another resident search process serves this home; exiting");
            return ExitCodes.Success;
        }
        // Beside the lock, not in it: the lock is exclusive, so nothing else could read it.
        File.WriteAllText(ResidentSearchProtocol.Pid(home), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var host = NoaHostFactory.Build(LocalSearch.Targets, global);
        // Load the collection and the model before listening: a client that connects gets a warm answer.
        await LocalSearch.AnswerAsync(host.Services, new SearchQuery("warm up", 1), cancellationToken);
        var path = ResidentSearchProtocol.Socket(home);
        File.Delete(path); // a socket left by a process that died; the lock says none is listening
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(16);
        Say($"serving {path} (pid {Environment.ProcessId}, idle exit after {settings.Idle.TotalSeconds:0} s)");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = WatchSocketAsync(path, stop);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                idle.CancelAfter(settings.Idle);
                Socket client;
                try
                {
                    client = await listener.AcceptAsync(idle.Token);
                }
                catch (OperationCanceledException)
                {
                    if (!stop.IsCancellationRequested)
                        Say("idle; exiting");
                    break;
                }
                _ = Task.Run(() => ServeAsync(client, host.Services, stop), CancellationToken.None);
            }
        }
        finally
        {
            File.Delete(path);
            File.Delete(ResidentSearchProtocol.Pid(home));
        }
        return ExitCodes.Success;
    }

    /// <summary>Stops serving once its socket is gone: the home was deleted (a test's or a script's temporary home) or
    /// another process took the path, so nobody can reach this one any more and it need not wait out its idle time.</summary>
    private async Task WatchSocketAsync(string path, CancellationTokenSource stop)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                if (File.Exists(path))
                    continue;
                Say("its socket is gone (the home was removed); exiting");
                await stop.CancelAsync();
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // stopped for another reason
        }
    }

    private async Task ServeAsync(Socket client, IServiceProvider services, CancellationTokenSource stop)
    {
        using var _ = client;
        await using var stream = new NetworkStream(client, ownsSocket: false);
        ResidentSearchResponse response;
        try
        {
            var request = JsonSerializer.Deserialize(await ReadLineAsync(stream, stop.Token), ResidentSearchJson.Default.ResidentSearchRequest)
                ?? throw new JsonException("an empty request");
            if (request.Build != _build || request.Settings != _settings)
            {
                response = new ResidentSearchResponse(null, Refused: request.Build != _build ? "another build" : "other settings");
                Say($"asked by {response.Refused}; exiting so that one matching it can start");
            }
            else
                response = new ResidentSearchResponse(await LocalSearch.AnswerAsync(services, request.Query, stop.Token));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            response = new ResidentSearchResponse(null, Error: e.Message);
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a client that stopped reading
            await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(response, ResidentSearchJson.Default.ResidentSearchResponse), timeout.Token);
            await stream.WriteAsync("\n"u8.ToArray(), timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // the client went away (it searches by itself after its own timeout)
        }
        if (response.Refused is not null)
            await stop.CancelAsync(); // after the answer, so the client knows to start one that matches
    }

    private static async Task<byte[]> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var line = new MemoryStream();
        var buffer = new byte[4096];
        while (line.Length <= MaxRequestBytes)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
                break;
            var end = Array.IndexOf(buffer, (byte)'\n', 0, read);
            line.Write(buffer, 0, end < 0 ? read : end);
            if (end >= 0)
                break;
        }
        return line.Length <= MaxRequestBytes ? line.ToArray() : throw new InvalidDataException($"a request over {MaxRequestBytes} bytes");
    }

    /// <summary>The home's lock, waiting a few seconds for a process that is exiting; null when another holds it.</summary>
    private async Task<FileStream?> LockAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix, released when the process ends.
                return new FileStream(ResidentSearchProtocol.Lock(home), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 50)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    private static void Say(string message) =>
        System.Console.Error.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss.fff}Z noa search-resident: {message}");
}
