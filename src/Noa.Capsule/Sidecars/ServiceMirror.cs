using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Noa.Capsule.Sidecars;

/// <summary>
/// The service mirror: publishes a port a service listens on inside a capsule on the host's loopback (a free port), each
/// connection relayed into the capsule's network; with TLS when a certificate is configured, and mutual TLS when a client
/// CA is. The gateway's route <c>/capsules/{id}/ports/{port}/…</c> reaches the same ports behind the API key.
/// </summary>
internal sealed class ServiceMirror : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<CancellationToken, Task<Stream>> _connect;
    private readonly TlsFiles? _tls;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public ServiceMirror(Func<CancellationToken, Task<Stream>> connect, TlsFiles? tls)
    {
        (_connect, _tls) = (connect, tls);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _serving = ServeAsync();
    }

    public IPEndPoint Endpoint { get; }

    public string Address => $"{(_tls is null ? "tcp" : "tls")}://{Endpoint}";

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                _ = Task.Run(() => RelayAsync(client), CancellationToken.None);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            Stream outside = client.GetStream();
            if (_tls is not null)
            {
                var ssl = new SslStream(outside, leaveInnerStreamOpen: false, _tls.ValidateClient);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _tls.Certificate, ClientCertificateRequired = _tls.ClientCa is not null,
                }, _stop.Token).ConfigureAwait(false);
                outside = ssl;
            }
            await using var inside = await _connect(_stop.Token).ConfigureAwait(false);
            await Pipe.RelayAsync(outside, inside, _stop.Token).ConfigureAwait(false);
            await outside.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException or InvalidOperationException)
        {
            // A refused TLS handshake, a capsule that ended, a service not listening: the client's connection closes.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _serving.ConfigureAwait(false);
        _stop.Dispose();
    }
}

/// <summary>The service mirror's certificate and, for mutual TLS, the CAs client certificates must chain to.</summary>
internal sealed class TlsFiles(X509Certificate2 certificate, X509Certificate2Collection? clientCa)
{
    public X509Certificate2 Certificate { get; } = certificate;

    public X509Certificate2Collection? ClientCa { get; } = clientCa;

    public static TlsFiles? From(CapsuleOptions options)
    {
        if (options.TlsCertificateFile is not { } cert || options.TlsKeyFile is not { } key)
            return null;
        X509Certificate2Collection? ca = null;
        if (options.TlsClientCaFile is { } caFile)
        {
            ca = [];
            ca.ImportFromPemFile(caFile);
        }
        return new TlsFiles(X509Certificate2.CreateFromPemFile(cert, key), ca);
    }

    public bool ValidateClient(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (ClientCa is null)
            return true;
        if (certificate is null)
            return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(ClientCa);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
