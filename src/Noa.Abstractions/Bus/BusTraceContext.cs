using System.Diagnostics;

namespace Noa.Abstractions;

/// <summary>
/// W3C trace context (<c>traceparent</c>, <c>tracestate</c>) in <see cref="BusMessage.Headers"/>, so that a span on the
/// consuming side of a stream is a child of the span that published the message, whichever bus carries it.
/// Producers add it with <see cref="With"/>; consumers read it with <see cref="ParentOf"/> and start their span under it.
/// </summary>
public static class BusTraceContext
{
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
}
