using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>
/// Turns Kestrel's own refusals (a malformed request line or header: 400; headers too large: 431; a body past the limit
/// before any endpoint: 413) into audit records through <see cref="RefusalAudit"/>. Kestrel reports them only as a
/// debug log event (<c>ConnectionBadRequest</c> in <see cref="Category"/>), so this is a logger provider enabled for that
/// category alone; the console and OTLP loggers keep their own levels.
/// </summary>
internal sealed class KestrelRefusalLog(IServiceProvider services) : ILoggerProvider
{
    public const string Category = "Microsoft.AspNetCore.Server.Kestrel.BadRequests";
    private RefusalAudit? _refusals;
    private KestrelConnections? _connections;

    public ILogger CreateLogger(string categoryName) =>
        categoryName == Category ? new Logger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private void Refused(string connectionId, BadHttpRequestException refusal)
    {
        // Resolved at the first refusal, not when logging is built: the audit's own logger comes from logging.
        _refusals ??= services.GetRequiredService<RefusalAudit>();
        _connections ??= services.GetRequiredService<KestrelConnections>();
        var client = _connections.ClientOf(connectionId);
        var record = new AuditRecord
        {
            At = services.GetRequiredService<TimeProvider>().GetUtcNow(), Actor = "anonymous", Action = "RequestRefused",
            Subject = "HTTP " + refusal.StatusCode,
            Detail = System.Text.Json.JsonSerializer.Serialize(new Refusal(refusal.StatusCode, client, refusal.Message), GatewayJson.Bodies),
        };
        if (_refusals.Count(client, refusal.StatusCode, record.Actor, record.Subject))
            _ = _refusals.WriteAsync(record);
    }

    private sealed record Refusal(int Status, string Client, string Reason);

    private sealed class Logger(KestrelRefusalLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not BadHttpRequestException refusal || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
                return;
            var connection = values.FirstOrDefault(v => v.Key == "ConnectionId").Value as string ?? "";
            owner.Refused(connection, refusal);
        }
    }
}
