using System.Diagnostics;

namespace Noa.Abstractions;

/// <summary>
/// W3C trace context (<c>traceparent</c>, <c>tracestate</c>) in <see cref="BusMessage.Headers"/>, so that a span on the
/// consuming side of a stream is a child of the span that published the message, whichever bus carries it.
/// Producers add it with <see cref="With"/>; every bus adapter wraps its publish in a producer span
/// (<see cref="StartPublish"/>) whose context is the one the message carries; consumers read it with <see cref="ParentOf"/>
/// and start their span under it.
/// </summary>
public static class BusTraceContext
{
    /// <summary>The name of the <see cref="ActivitySource"/> of the buses' producer spans.</summary>
    public const string SourceName = "Noa.Bus";

    /// <summary>The source of the buses' producer spans; without a listener it starts none and costs nothing.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The W3C Trace Context header with version, trace id, parent span id and flags.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>The W3C Trace Context header with vendor-specific state.</summary>
    public const string TraceState = "tracestate";

    /// <summary>
    /// <paramref name="headers"/> plus the trace context of <paramref name="activity"/> (by default the current one).
    /// Returns the headers unchanged when there is no activity (nobody listens, so no trace is being recorded) or its id
    /// is not in W3C format.
    /// </summary>
    public static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string>? headers, Activity? activity = null)
    {
        activity ??= Activity.Current;
        var copy = new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (activity is not { IdFormat: ActivityIdFormat.W3C, Id: { } id })
            return copy;
        copy[TraceParent] = id;
        if (string.IsNullOrEmpty(activity.TraceStateString))
            copy.Remove(TraceState);
        else
            copy[TraceState] = activity.TraceStateString;
        return copy;
    }

    /// <summary>
    /// The remote parent named by a message's <c>traceparent</c> (and <c>tracestate</c>), or <c>default</c> when it has none
    /// or it is malformed (a span started under <c>default</c> takes the current activity as parent, or starts a trace).
    /// </summary>
    public static ActivityContext ParentOf(BusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Headers is not { } headers || !headers.TryGetValue(TraceParent, out var parent))
            return default;
        headers.TryGetValue(TraceState, out var state);
        return ActivityContext.TryParse(parent, state, isRemote: true, out var context) ? context : default;
    }

    /// <summary>
    /// Starts the producer span of one publish (OpenTelemetry messaging conventions: <c>publish {stream}</c>, kind Producer,
    /// <c>messaging.system</c>, <c>messaging.destination.name</c>, <c>messaging.operation.type = send</c>) and gives the
    /// message to send in <paramref name="traced"/>: its <c>traceparent</c> names this span, so the consumer's span is the
    /// producer span's child. The span's parent is the trace the message already carries (a caller's <see cref="With"/>,
    /// or the original trace of a message published again after a delay or from a dead-letter stream), else the current
    /// span. Returns null, and the message unchanged, when nobody listens. Dispose the span when the publish returns.
    /// </summary>
    public static Activity? StartPublish(string system, string stream, BusMessage message, out BusMessage traced)
    {
        ArgumentNullException.ThrowIfNull(message);
        traced = message;
        if (!Source.HasListeners())
            return null;
        var span = Source.StartActivity($"publish {stream}", ActivityKind.Producer, ParentOf(message));
        if (span is null)
            return null;
        span.SetTag("messaging.system", system);
        span.SetTag("messaging.destination.name", stream);
        span.SetTag("messaging.operation.type", "send");
        span.SetTag("messaging.operation.name", "publish");
        span.SetTag("messaging.message.type", message.Type);
        if (message.Headers?.GetValueOrDefault("runId") is { } runId)
            span.SetTag("noa.run.id", runId);
        traced = message with { Headers = With(message.Headers, span) };
        return span;
    }

    /// <summary>Records the id the bus gave the published message on its producer span.</summary>
    public static void Published(Activity? span, string messageId) => span?.SetTag("messaging.message.id", messageId);

    /// <summary>Marks a producer span failed; always false, for use as an exception filter that lets the exception go on.</summary>
    public static bool Failed(Activity? span, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        span?.SetStatus(ActivityStatusCode.Error, error.Message);
        span?.SetTag("error.type", error.GetType().FullName);
        return false;
    }
}
