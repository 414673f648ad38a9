using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>Options of the gateway, bound once from configuration section <c>Noa:Gateway</c>.</summary>
public sealed record GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Gateway";

    /// <summary>Whether <c>POST /digest</c> accepts local paths and <c>file://</c> URLs as sources. Off by default: a
    /// gateway digests what callers name, and a local path reads this host's files. When on, also set
    /// <c>Noa:Intake:AllowedFileRoots</c> so Intake reads only below those folders.</summary>
    public bool AllowLocalSources { get; init; }

    /// <summary>Largest request body Kestrel accepts; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary><c>POST /digest</c> answers 429 while <c>runs.requests</c> holds at least this many unstarted requests.</summary>
    public long MaxQueueDepth { get; init; } = 1000;

    /// <summary>The Retry-After given with a queue-full 429.</summary>
    public TimeSpan QueueFullRetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Token bucket per API key: requests allowed in a burst.</summary>
    public int RateLimitBurst { get; init; } = 100;

    /// <summary>Token bucket per API key: tokens added each second.</summary>
    public int RateLimitPerSecond { get; init; } = 50;

    /// <summary>Token bucket per client address for calls without a valid key: failed authentications allowed in a burst.
    /// Past it the client gets 429 and its keys are not looked up.</summary>
    public int AnonymousRateLimitBurst { get; init; } = 20;

    /// <summary>Token bucket per client address for calls without a valid key: tokens added each second.</summary>
    public int AnonymousRateLimitPerSecond { get; init; } = 5;

    /// <summary>Refused calls (401, 429, 415…) are audited in full once per client, status and interval; the rest of
    /// the interval's refusals are one record with their count.</summary>
    public TimeSpan RefusalAuditInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A file holding the bootstrap admin key (<c>noa_ID_SECRET</c>, or a bare secret of at least
    /// 32 characters for the id <c>bootstrap</c>). Secrets come from files, never from plain settings.</summary>
    public string? BootstrapKeyFile { get; init; }

    /// <summary>How long a looked-up key is trusted before it is read again (revocations through this
    /// gateway apply at once; through another instance, within this time).</summary>
    public TimeSpan KeyCacheTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often queue lag is sampled for <c>/metrics</c>.</summary>
    public TimeSpan QueueSampleInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Comment lines sent on an idle event stream so proxies keep it open.</summary>
    public TimeSpan EventKeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Task queues shown by <c>/admin/queues</c> (stream → consumer group whose lag is the depth),
    /// besides <c>runs.requests</c>.</summary>
    public IReadOnlyDictionary<string, string> Queues { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><see cref="Queues"/> plus <c>runs.requests</c>, by stream name.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> AllQueues =>
    [
        new(StartRun.Stream, StartRun.Group),
        .. Queues.Where(q => q.Key != StartRun.Stream).OrderBy(q => q.Key, StringComparer.Ordinal),
    ];
}
