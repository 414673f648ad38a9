namespace Noa.Stages.Integrator.Model;

/// <summary>Classifies media types, and says which one an SDK prefers when an operation offers several.</summary>
internal static class MediaKinds
{
    public static BodyKind Of(string mediaType)
    {
        var media = mediaType.Split(';')[0].Trim().ToLowerInvariant();
        return media switch
        {
            "application/json" or "text/json" or "*/*" => BodyKind.Json,
            _ when media.EndsWith("+json", StringComparison.Ordinal) => BodyKind.Json,
            "text/event-stream" => BodyKind.EventStream,
            "application/x-ndjson" or "application/jsonl" or "application/json-seq" or "application/stream+json" => BodyKind.JsonLines,
            "application/x-www-form-urlencoded" => BodyKind.Form,
            "multipart/form-data" or "multipart/mixed" => BodyKind.Multipart,
            _ when media.StartsWith("text/", StringComparison.Ordinal) => BodyKind.Text,
            "application/xml" or "application/yaml" or "application/x-yaml" => BodyKind.Text,
            _ => BodyKind.Binary,
        };
    }

    public static int Preference(BodyKind kind) => kind switch
    {
        BodyKind.Json => 0,
        BodyKind.EventStream => 1,
        BodyKind.JsonLines => 2,
        BodyKind.Form => 3,
        BodyKind.Multipart => 4,
        BodyKind.Binary => 5,
        _ => 6,
    };
}
