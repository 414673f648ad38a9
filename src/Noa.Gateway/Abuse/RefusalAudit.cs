using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>
/// The audit of refused calls, bounded under a flood. The first refusal of a client (address and actor) for a reason (its status) in an
/// interval (<see cref="GatewayOptions.RefusalAuditInterval"/>) is written at once, in full; the others of that interval
/// are counted, and one <see cref="Aggregated"/> record per client and reason with the count (and a few of the routes)
/// is written when the interval ends. So a client sending thousands of refused calls a second costs a few audit rows an
/// interval, while every refusal is still accounted for. At most <see cref="MaxKeys"/> client/actor/reason keys are tracked
/// at once; beyond, refusals are counted under the client and actor <c>*</c>.
/// </summary>
internal sealed partial class RefusalAudit(IAuditLog audit, TimeProvider time, IOptions<GatewayOptions> options, ILogger<RefusalAudit> logger)
    : BackgroundService
{
    public const string Aggregated = "ApiCallsRefused";
    public const int MaxKeys = 10_000;
    private const int MaxRoutes = 5;
    private readonly ConcurrentDictionary<(string Client, string Actor, int Status), Tally> _tallies = new();
    private readonly TimeSpan _interval = options.Value.RefusalAuditInterval;

    /// <summary>Statuses that are refusals of the call rather than answers about what it asked for.</summary>
    public static bool IsRefusal(int status) => status is 400 or 401 or 403 or 405 or 413 or 415 or 429 or 431;

    /// <summary>
    /// Accounts for one refusal; writes <paramref name="record"/> when it is the client's first for this status in the
    /// interval, else only counts it.
    /// </summary>
    public Task RefusedAsync(string client, int status, AuditRecord record) =>
        Count(client, status, record.Actor, record.Subject) ? WriteAsync(record) : Task.CompletedTask;

    /// <summary>Counts one refusal; true when it is the client's first for this status in the interval (write it in full).</summary>
    public bool Count(string client, int status, string actor, string? route)
    {
        var key = (client, actor, status);
        if (_tallies.Count >= MaxKeys && !_tallies.ContainsKey(key))
            key = ("*", "*", status);
        while (true)
        {
            // A tally closed by a flush between the lookup and the count is gone: count in a new one.
            var count = _tallies.GetOrAdd(key, _ => new Tally(time.GetUtcNow())).Count(route);
            if (count > 0)
                return count == 1;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(_interval, time, stoppingToken);
                await FlushAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await FlushAsync(); // what was counted when the gateway stops is written too
    }

    /// <summary>Ends the interval: one record per client and status that had refusals past the first.</summary>
    internal async Task FlushAsync()
    {
        var now = time.GetUtcNow();
        foreach (var key in _tallies.Keys)
        {
            if (!_tallies.TryGetValue(key, out var tally))
                continue;
            var repeats = tally.Close();
            _tallies.TryRemove(new KeyValuePair<(string, string, int), Tally>(key, tally));
            if (repeats == 0)
                continue;
            await WriteAsync(new AuditRecord
            {
                At = now, Actor = key.Actor, Action = Aggregated, Subject = $"{key.Status} from {key.Client}",
                Detail = JsonSerializer.Serialize(new Summary(key.Status, key.Client, repeats, tally.Since, now, tally.Routes),
                    GatewayJson.Bodies),
            });
        }
    }

    /// <summary>Writes a record; a store that fails is logged, never thrown to the caller.</summary>
    public async Task WriteAsync(AuditRecord record)
    {
        try
        {
            await audit.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception e)
        {
            Log.AuditNotWritten(logger, e, record.Subject);
        }
    }

    /// <summary>The detail of an <see cref="Aggregated"/> record.</summary>
    private sealed record Summary(int Status, string Client, long Count, DateTimeOffset From, DateTimeOffset To, IReadOnlyCollection<string> Routes);

    /// <summary>One client's refusals of one status in the current interval; closed once flushed, so none is lost.</summary>
    private sealed class Tally(DateTimeOffset since)
    {
        private readonly Lock _gate = new();
        private readonly SortedSet<string> _routes = new(StringComparer.Ordinal);
        private long _count;
        private bool _closed;

        public DateTimeOffset Since { get; } = since;

        public IReadOnlyCollection<string> Routes
        {
            get
            {
                lock (_gate)
                    return [.. _routes];
            }
        }

        /// <summary>Counts one refusal: its number in the interval, or 0 when the tally was already flushed.</summary>
        public long Count(string? route)
        {
            lock (_gate)
            {
                if (_closed)
                    return 0;
                if (route is not null && _routes.Count < MaxRoutes)
                    _routes.Add(route);
                return ++_count;
            }
        }

        /// <summary>Ends counting; the refusals after the first (written in full), which the aggregate record counts.</summary>
        public long Close()
        {
            lock (_gate)
            {
                _closed = true;
                return Math.Max(0, _count - 1);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.RefusalAuditNotWritten, LogLevel.Error, "Could not write the audit record of refused calls {Call}")]
        public static partial void AuditNotWritten(ILogger logger, Exception exception, string? call);
    }
}
