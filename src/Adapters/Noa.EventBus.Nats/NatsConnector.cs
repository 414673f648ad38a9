using Microsoft.Extensions.Options;
using Noa.Credentials;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Noa.EventBus.Nats;

/// <summary>The bus's one NATS connection (it multiplexes, blocking pulls included) and its JetStream context.</summary>
internal sealed class NatsConnector : IAsyncDisposable
{
    public NatsConnector(IOptions<NatsBusSettings> options)
    {
        Settings = options.Value;
        SecretFile.RefuseInline(Uri.TryCreate(Settings.ConnectionString, UriKind.Absolute, out var url) && url.UserInfo.Length > 0,
            "The NATS URL (Noa:Bus:Nats:ConnectionString)", "User and PasswordFile");
        var auth = NatsAuthOpts.Default;
        // Asked at every (re)connect, so a rotated file is picked up when the server closes a connection after a reload.
        if (SecretFile.From(Settings.PasswordFile, "Noa:Bus:Nats:PasswordFile") is { } password)
        {
            auth = auth with
            {
                AuthCredCallback = (_, cancellationToken) => ValueTask.FromResult(NatsAuthCred.FromUserInfo(Settings.User ?? "", password.Read())),
            };
        }
        Connection = new NatsConnection(NatsOpts.Default with { Url = Settings.ConnectionString, Name = "noa-bus", AuthOpts = auth });
        JetStream = new NatsJSContext(Connection);
    }

    public NatsBusSettings Settings { get; }

    public NatsConnection Connection { get; }

    public NatsJSContext JetStream { get; }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
