using System.Net;
using System.Net.Sockets;

namespace Noa.Stages.Intake;

/// <summary>
/// Downloads one http(s) resource into the workspace with size and time limits. Every connection, including
/// those of redirects, goes through <see cref="HostGuard"/> in <c>ConnectCallback</c> and connects to exactly the
/// addresses that were checked, so a DNS answer that changes between check and connect (rebinding) cannot
/// reach a private address. Proxies are not used: a proxy would connect on our behalf, unchecked.
/// </summary>
internal sealed class HttpDownloader(IntakeOptions options, HostGuard guard)
{
    public async Task<Checked<string>> DownloadAsync(Uri url, string destination, long maxBytes, CancellationToken cancellationToken)
    {
        var shown = UrlRedactor.Redact(url);
        var precheck = await guard.ResolveAsync(url.Host, cancellationToken).ConfigureAwait(false);
        if (precheck.Failed)
        {
            return Checked<string>.Refuse(precheck.Error!);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.DownloadTimeout);
        using var handler = CreateHandler();
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"{ToolInfo.Current.Name}/{ToolInfo.Current.Version.Split('+')[0]}");
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Checked<string>.Refuse($"downloading '{shown}' failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return Checked<string>.Refuse($"'{shown}' is {response.Content.Headers.ContentLength} bytes, more than the limit of {maxBytes}");
            }
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    return Checked<string>.Refuse($"'{shown}' is larger than the limit of {maxBytes} bytes");
                }
                await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
            }
            return destination;
        }
        catch (HttpRequestException ex) when (FindRefusal(ex) is { } refused)
        {
            return Checked<string>.Refuse(refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return Checked<string>.Refuse($"downloading '{shown}' failed: {UrlRedactor.RedactText(ex.Message)}");
        }
        catch (IOException ex)
        {
            // The connection broke while the body was read.
            return Checked<string>.Refuse($"downloading '{shown}' failed: {UrlRedactor.RedactText(ex.Message)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Checked<string>.TimedOut($"downloading '{shown}' took longer than {options.DownloadTimeout} (limit DownloadTimeout)");
        }
    }

    private SocketsHttpHandler CreateHandler() => new()
    {
        UseProxy = false,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        ConnectCallback = async (context, token) =>
        {
            var addresses = await guard.ResolveAsync(context.DnsEndPoint.Host, token).ConfigureAwait(false);
            if (addresses.Failed)
            {
                throw new AddressRefusedException(addresses.Error!);
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses.Value!, context.DnsEndPoint.Port, token).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static AddressRefusedException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is AddressRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }
}
