namespace Noa.Stages.Integrator.Model;

/// <summary>How a request or response body is encoded.</summary>
internal enum BodyKind
{
    /// <summary>No body.</summary>
    None,
    /// <summary>JSON (<c>application/json</c> or any <c>+json</c> type).</summary>
    Json,
    /// <summary>Raw bytes (<c>application/octet-stream</c>, images, archives, anything not JSON or text).</summary>
    Binary,
    /// <summary>Plain text.</summary>
    Text,
    /// <summary><c>application/x-www-form-urlencoded</c>.</summary>
    Form,
    /// <summary><c>multipart/form-data</c>.</summary>
    Multipart,
    /// <summary>Server-sent events (<c>text/event-stream</c>): read as a stream of events.</summary>
    EventStream,
    /// <summary>Newline-delimited JSON (<c>application/x-ndjson</c>, <c>application/jsonl</c>): read as a stream of values.</summary>
    JsonLines,
}
