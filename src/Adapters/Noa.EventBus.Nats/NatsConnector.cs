using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Noa.EventBus.Nats;

/// <summary>The bus's one NATS connection (it multiplexes, blocking pulls included) and its JetStream context.</summary>
internal sealed class NatsConnector : IAsyncDisposable
{
    public NatsConnector(IOptions<NatsBusSettings> options)
    {
        Settings = options.Value;
        var auth = NatsAuthOpts.Default;
        if (Settings.PasswordFile is { Length: > 0 } file)
            auth = auth with { Username = Settings.User, Password = File.ReadAllText(file).Trim() };
        Connection = new NatsConnection(NatsOpts.Default with { Url = Settings.ConnectionString, Name = "noa-bus", AuthOpts = auth });
        JetStream = new NatsJSContext(Connection);
    }

    public NatsBusSettings Settings { get; }

    public NatsConnection Connection { get; }

    public NatsJSContext JetStream { get; }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
