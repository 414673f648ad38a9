using Noa.Credentials;
using StackExchange.Redis.Configuration;

namespace Noa.EventBus.Redis;

/// <summary>
/// The password of a connection as the secret file holds it when the multiplexer connects or reconnects:
/// <c>ConfigurationOptions.Password</c> falls back to its defaults when not set, and the handshake reads it then, so a
/// rotated file is picked up by the next reconnect. The other defaults are the library's generic ones (a cloud
/// provider's own defaults, e.g. Azure's, are not chained: nothing here targets one).
/// </summary>
internal sealed class SecretFileDefaults(SecretFile password) : DefaultOptionsProvider
{
    public override string? Password => password.Read();
}
