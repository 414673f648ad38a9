using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Noa.Embeddings.Search;

namespace Noa.Cli.Search;

/// <summary>
/// <c>noa search</c>'s side of the resident search process: asks it on the home's socket, starts it when none answers and
/// waits for it to listen (it loads what the CLI would otherwise load itself), and gives up (null: search in this process)
/// when it cannot be reached, started, or it refuses.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class ResidentSearchClient
{
    /// <summary>How long a new process may take to load the stores and the model before this one searches by itself.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long the resident process may stay silent in one answer (a collection being loaded again after a digest included).</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    public static async Task<SearchAnswer?> TryAskAsync(string home, GlobalOptions global, ResidentSearchRequest request, CancellationToken cancellationToken)
    {
        if (!ResidentSearchProtocol.Usable(home))
            return null;
        var first = await AskAsync(home, request, cancellationToken);
        if (first?.Answer is { } answer)
            return answer;
        if (first?.Error is not null)
            return null; // the search failed there: fail here with this process's own message
        // None listens, or it served another build or other settings and is exiting: start one that matches.
        using var started = Start(home, global);
        if (started is null)
            return null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (File.Exists(ResidentSearchProtocol.Socket(home)) && await AskAsync(home, request, cancellationToken) is { } response)
                return response.Answer;
            if (started.HasExited && started.ExitCode != ExitCodes.Success)
                return null; // it failed; its log says why (search/resident.log)
            await Task.Delay(25, cancellationToken);
        }
        return null;
    }

    /// <summary>
    /// <c>noa digest</c>, once its search is usable: makes sure a resident process that matches this build and these settings
    /// serves the home (<paramref name="probe"/> is asked, which also makes a running one load the new index), starting one
    /// when none answers. It does not wait for a new one to load: that happens beside the digest's remaining stages, and
    /// a search that comes before it is ready waits for it as it would have for its own start.
    /// </summary>
    public static async Task WarmAsync(string home, GlobalOptions global, ResidentSearchRequest probe, CancellationToken cancellationToken)
    {
        if (!ResidentSearchProtocol.Usable(home))
            return;
        var first = await AskAsync(home, probe, cancellationToken);
        if (first?.Answer is not null || first?.Error is not null)
            return;
        using var started = Start(home, global);
    }

    /// <summary>
    /// One request and its response; null when nothing listens or the exchange fails. Blocking calls, and the response read
    /// whole before it is parsed (<see cref="ResidentSearchWire"/>): the asynchronous socket and the streaming deserializer cost
    /// a cold process more to set up (thread pool, state machines, pipelines) than the exchange takes.
    /// </summary>
    private static Task<ResidentSearchResponse?> AskAsync(string home, ResidentSearchRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.SendTimeout = socket.ReceiveTimeout = (int)AnswerTimeout.TotalMilliseconds;
            socket.Connect(new UnixDomainSocketEndPoint(ResidentSearchProtocol.Socket(home)));
            socket.Send(ResidentSearchWire.Request(request));
            using var response = new MemoryStream();
            var buffer = new byte[64 * 1024];
            for (int read; (read = socket.Receive(buffer)) > 0;)
                response.Write(buffer, 0, read);
            return Task.FromResult<ResidentSearchResponse?>(ResidentSearchWire.Response(response.GetBuffer().AsSpan(0, (int)response.Length)));
        }
        catch (Exception e) when (e is SocketException or IOException or JsonException)
        {
            return Task.FromResult<ResidentSearchResponse?>(null);
        }
    }

    /// <summary>
    /// Starts <c>noa search-resident</c> detached from this command: its own session (a Ctrl-C here does not reach it),
    /// no terminal, output appended to <c>search/resident.log</c>.
    /// </summary>
    private static Process? Start(string home, GlobalOptions global)
    {
        try
        {
            Directory.CreateDirectory(ResidentSearchProtocol.Folder(home), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            // sh redirects, then execs setsid, which execs noa: the Process is the resident process itself.
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("log=$1; shift; exec setsid \"$@\" </dev/null >>\"$log\" 2>&1");
            info.ArgumentList.Add("sh");
            info.ArgumentList.Add(ResidentSearchProtocol.Log(home));
            var executable = Environment.ProcessPath!;
            info.ArgumentList.Add(executable);
            if (Path.GetFileNameWithoutExtension(executable) == "dotnet") // `dotnet noa.dll`
                info.ArgumentList.Add(typeof(ResidentSearchClient).Assembly.Location);
            info.ArgumentList.Add("search-resident");
            info.ArgumentList.Add("--home");
            info.ArgumentList.Add(home);
            if (global.Config is { } config)
            {
                info.ArgumentList.Add("--config");
                info.ArgumentList.Add(Path.GetFullPath(config));
            }
            return Process.Start(info);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
