namespace Noa.IntegrationTests;

/// <summary>One span as an OTLP exporter sent it: ids in lowercase hex (an empty parent for a root), name, kind and string attributes.</summary>
internal sealed record OtlpSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>OTLP's <c>SPAN_KIND_SERVER</c>.</summary>
    public const int Server = 2;

    /// <summary>OTLP's <c>SPAN_KIND_PRODUCER</c>.</summary>
    public const int Producer = 4;

    /// <summary>OTLP's <c>SPAN_KIND_CONSUMER</c>.</summary>
    public const int Consumer = 5;

    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);
}
