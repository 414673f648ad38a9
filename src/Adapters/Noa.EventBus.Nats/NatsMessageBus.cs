using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Noa.Abstractions;

namespace Noa.EventBus.Nats;

/// <summary>
/// The bus on NATS JetStream: a JetStream stream per bus stream (names mapped by <see cref="NatsNames"/>), a durable
/// pull consumer per group starting at the stream's start, with <c>AckWait</c> = the read's lease and
/// <c>MaxDeliver</c> = max deliveries + 1: the extra delivery is the one this bus turns into a copy on
/// <c>{stream}:dead</c> (with the <c>dead-*</c> headers) and an ack. Entry ids are stream sequence numbers.
/// An ack needs the delivered message's reply subject, so deliveries are acknowledged by the process that read them;
/// one the process forgot is redelivered after its lease. JetStream hands each message of a durable to one pull, so the
/// consumer name of a read only names the reader; the in-flight cap is per group (<see cref="NatsBusSettings.MaxAckPending"/>).
/// </summary>
internal sealed partial class NatsMessageBus(NatsConnector connector, TimeProvider time, ILogger<NatsMessageBus> logger) : IMessageBus
{
    private const string TypeHeader = "Noa-Type", HeaderPrefix = "Noa-H-";
    private static readonly TimeSpan MinExpires = TimeSpan.FromSeconds(1.001);
    private readonly NatsBusSettings _settings = connector.Settings;
    private readonly ConcurrentDictionary<string, Task> _streams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Stream, string Group), (INatsJSConsumer Consumer, TimeSpan Lease, int MaxDeliveries)> _consumers = new();
    private readonly ConcurrentDictionary<(string Stream, string Group, string Id), (INatsJSMsg<byte[]> Msg, DateTimeOffset Until, string Consumer)> _unacked = new();

    /// <inheritdoc />
    public async Task<string> PublishAsync(string stream, BusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(message);
        using var span = BusTraceContext.StartPublish("nats", stream, message, out message);
        try
        {
            await EnsureStreamAsync(stream, cancellationToken);
            var headers = new NatsHeaders { [TypeHeader] = message.Type };
            foreach (var (name, value) in message.Headers ?? new Dictionary<string, string>())
                headers[HeaderPrefix + name] = value;
            var ack = await connector.JetStream.PublishAsync(NatsNames.Subject(_settings.Prefix, stream), Encoding.UTF8.GetBytes(message.Body),
                headers: headers, cancellationToken: cancellationToken);
            ack.EnsureSuccess();
            var id = ack.Seq.ToString(CultureInfo.InvariantCulture);
            BusTraceContext.Published(span, id);
            return id;
        }
        catch (Exception e) when (BusTraceContext.Failed(span, e))
        {
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BusDelivery>> ReadAsync(string stream, string group, string consumer, ConsumeOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentNullException.ThrowIfNull(options);
        var durable = await ConsumerAsync(stream, group, options, cancellationToken);
        var started = time.GetTimestamp();
        while (true)
        {
            // What is there now, up to MaxMessages; otherwise wait for the first message, up to Block.
            var deliveries = await FetchAsync(stream, group, consumer, durable, options, new NatsJSFetchOpts { MaxMsgs = options.MaxMessages }, noWait: true, cancellationToken);
            if (deliveries.Count > 0)
                return deliveries;
            var remaining = options.Block - time.GetElapsedTime(started);
            if (remaining < TimeSpan.FromMilliseconds(1))
                return [];
            if (remaining < MinExpires)
            {
                // The server takes no pull shorter than a second: poll out the rest.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(10, remaining.TotalMilliseconds)), time, cancellationToken);
                continue;
            }
            deliveries = await FetchAsync(stream, group, consumer, durable, options, new NatsJSFetchOpts { MaxMsgs = 1, Expires = remaining }, noWait: false, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (deliveries.Count > 0)
                return deliveries;
        }
    }

    /// <inheritdoc />
    public async Task AckAsync(BusDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (_unacked.TryRemove((delivery.Stream, delivery.Group, delivery.Id), out var held))
            await held.Msg.AckAsync(new AckOpts { DoubleAck = true }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Sends <c>+WIP</c> (ack progress), which restarts the delivery's <c>AckWait</c>: the group's lease, whatever
    /// <paramref name="lease"/> says. Only the process that read the delivery holds its reply subject.</remarks>
    public async Task<bool> ExtendLeaseAsync(BusDelivery delivery, string consumer, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        var key = (delivery.Stream, delivery.Group, delivery.Id);
        if (!_unacked.TryGetValue(key, out var held) || held.Consumer != consumer || held.Until <= time.GetUtcNow())
            return false;
        await held.Msg.AckProgressAsync(cancellationToken: cancellationToken);
        _unacked[key] = held with { Until = time.GetUtcNow() + lease };
        return true;
    }

    /// <inheritdoc />
    /// <remarks>The durable's pending (not yet delivered) plus ack-pending counts; a group that has never read counts the whole stream.</remarks>
    public async Task<long> GetLagAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(group);
        var name = NatsNames.Stream(_settings.Prefix, stream);
        try
        {
            var info = (await connector.JetStream.GetConsumerAsync(name, NatsNames.Consumer(group), cancellationToken)).Info;
            return (long)info.NumPending + info.NumAckPending;
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            try
            {
                return (long)(await connector.JetStream.GetStreamAsync(name, cancellationToken: cancellationToken)).Info.State.Messages;
            }
            catch (NatsJSApiException inner) when (inner.Error.Code == 404)
            {
                return 0;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Deletes the group's durable consumer; the deliveries this process holds of it are forgotten.</remarks>
    public async Task DeleteGroupAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(group);
        _consumers.TryRemove((stream, group), out _);
        foreach (var key in _unacked.Keys.Where(k => k.Stream == stream && k.Group == group))
            _unacked.TryRemove(key, out _);
        try
        {
            await connector.JetStream.DeleteConsumerAsync(NatsNames.Stream(_settings.Prefix, stream), NatsNames.Consumer(group), cancellationToken);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            // No such stream or consumer: nothing to delete.
        }
    }

    private async Task<List<BusDelivery>> FetchAsync(string stream, string group, string consumer, INatsJSConsumer durable, ConsumeOptions options,
        NatsJSFetchOpts fetch, bool noWait, CancellationToken cancellationToken)
    {
        var deliveries = new List<BusDelivery>();
        var messages = noWait
            ? durable.FetchNoWaitAsync<byte[]>(fetch, cancellationToken: cancellationToken)
            : durable.FetchAsync<byte[]>(fetch, cancellationToken: cancellationToken);
        await foreach (var msg in messages)
        {
            if (msg.Metadata is not { } meta)
                continue;
            var id = meta.Sequence.Stream.ToString(CultureInfo.InvariantCulture);
            var count = (int)Math.Min(meta.NumDelivered, int.MaxValue);
            var message = Decode(msg);
            if (count > options.MaxDeliveries)
            {
                await DeadLetterAsync(stream, group, id, count - 1, message, cancellationToken);
                await msg.AckAsync(new AckOpts { DoubleAck = true }, cancellationToken);
                continue;
            }
            _unacked[(stream, group, id)] = (msg, time.GetUtcNow() + options.Lease, consumer);
            deliveries.Add(new BusDelivery(stream, group, id, message, count));
        }
        Forget();
        return deliveries;
    }

    private async Task DeadLetterAsync(string stream, string group, string id, int deliveries, BusMessage message, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(message.Headers ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["dead-stream"] = stream,
            ["dead-id"] = id,
            ["dead-group"] = group,
            ["dead-deliveries"] = deliveries.ToString(CultureInfo.InvariantCulture),
            ["dead-reason"] = "max-deliveries",
        };
        await PublishAsync(DeadStream(stream), message with { Headers = headers }, cancellationToken);
        Log.DeadLettered(logger, stream, id, group, deliveries);
    }

    private static BusMessage Decode(INatsJSMsg<byte[]> msg)
    {
        string type = "";
        Dictionary<string, string>? headers = null;
        foreach (var (name, values) in msg.Headers ?? [])
        {
            if (name == TypeHeader)
                type = values.ToString();
            else if (name.StartsWith(HeaderPrefix, StringComparison.Ordinal))
                (headers ??= new(StringComparer.Ordinal))[name[HeaderPrefix.Length..]] = values.ToString();
        }
        return new BusMessage(type, msg.Data is { } data ? Encoding.UTF8.GetString(data) : "", headers);
    }

    // Deliveries whose lease ran out went back to the server; their reply subjects are no use any more.
    private void Forget()
    {
        if (_unacked.Count < 10_000)
            return;
        var now = time.GetUtcNow();
        foreach (var (key, held) in _unacked)
        {
            if (held.Until < now)
                _unacked.TryRemove(key, out _);
        }
    }

    private Task EnsureStreamAsync(string stream, CancellationToken cancellationToken)
    {
        var task = _streams.GetOrAdd(stream, s => CreateStreamAsync(s));
        if (task.IsFaulted || task.IsCanceled)
            _streams.TryRemove(new(stream, task));
        return task.WaitAsync(cancellationToken);
    }

    private async Task CreateStreamAsync(string stream)
    {
        var config = new StreamConfig(NatsNames.Stream(_settings.Prefix, stream), [NatsNames.Subject(_settings.Prefix, stream)])
        {
            Storage = StreamConfigStorage.File,
            Retention = StreamConfigRetention.Limits,
            Discard = StreamConfigDiscard.Old,
            MaxMsgs = _settings.MaxLength > 0 ? _settings.MaxLength : -1,
        };
        await connector.JetStream.CreateOrUpdateStreamAsync(config);
    }

    private async Task<INatsJSConsumer> ConsumerAsync(string stream, string group, ConsumeOptions options, CancellationToken cancellationToken)
    {
        if (_consumers.TryGetValue((stream, group), out var known) && known.Lease == options.Lease && known.MaxDeliveries == options.MaxDeliveries)
            return known.Consumer;
        await EnsureStreamAsync(stream, cancellationToken);
        var config = new ConsumerConfig(NatsNames.Consumer(group))
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            AckWait = options.Lease,
            MaxDeliver = options.MaxDeliveries + 1,
            MaxAckPending = _settings.MaxAckPending,
        };
        var consumer = await connector.JetStream.CreateOrUpdateConsumerAsync(NatsNames.Stream(_settings.Prefix, stream), config, cancellationToken);
        _consumers[(stream, group)] = (consumer, options.Lease, options.MaxDeliveries);
        return consumer;
    }

    private static string DeadStream(string stream) => stream + ":dead";

    private static partial class Log
    {
        [LoggerMessage(LogEvents.DeadLettered, LogLevel.Warning, "Message {Id} of stream {Stream} moved to the dead-letter stream after group {Group} received it {Deliveries} times")]
        public static partial void DeadLettered(ILogger logger, string stream, string id, string group, int deliveries);
    }
}
