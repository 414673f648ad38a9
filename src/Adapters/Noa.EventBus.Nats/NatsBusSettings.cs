namespace Noa.EventBus.Nats;

/// <summary>Settings of the NATS JetStream bus (section <c>Noa:Bus:Nats</c>); off unless enabled.</summary>
public sealed class NatsBusSettings
{
    /// <summary>The feature flag: the bus is registered only when true (or when <c>Noa:Bus:Provider</c> is <c>nats</c>).</summary>
    public bool Enabled { get; set; }

    /// <summary>The server URL, e.g. <c>nats://127.0.0.1:4222</c>, without credentials.</summary>
    public string ConnectionString { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>The user name, when the server wants one.</summary>
    public string? User { get; set; }

    /// <summary>A file holding the password (<c>/run/secrets/nats-password</c>); passwords are never taken from plain settings.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Leaves out the readiness check that pings the server.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>Each JetStream stream keeps at most this many messages, dropping the oldest (like <c>MAXLEN</c>); 0 keeps everything.</summary>
    public long MaxLength { get; set; } = 100_000;

    /// <summary>At most this many deliveries a group holds unacknowledged (the durable consumer's <c>MaxAckPending</c>).</summary>
    public int MaxAckPending { get; set; } = 1_000;

    /// <summary>Prefix of JetStream stream names and subjects (see <see cref="NatsNames"/>).</summary>
    public string Prefix { get; set; } = "noa";
}
