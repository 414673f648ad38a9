using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>The parts of the Classifier's <c>profile.json</c> (schemas/profile.schema.json) the system card shows.</summary>
internal sealed record CardProfile(
    IReadOnlyList<CardProfile.Language> Languages,
    IReadOnlyList<(string Name, int Count)> Files,
    IReadOnlyList<CardProfile.Detection> BuildSystems,
    IReadOnlyList<CardProfile.Detection> Frameworks,
    string? ServiceType,
    string? License)
{
    /// <summary>The deployable apps the Classifier found (root folder, kind, evidence, confidence); empty when the
    /// profile has none.</summary>
    public IReadOnlyList<App> Apps { get; init; } = [];

    /// <summary>An app of the profile.</summary>
    public sealed record App(string Root, string? Kind, string? Name, double? Confidence, IReadOnlyList<string> Evidence);

    /// <summary>Bundle path of the Classifier's artifact.</summary>
    public const string BundlePath = "profile.json";

    /// <summary>A language of the profile.</summary>
    public sealed record Language(string Name, string Type, int Files, long Bytes, double Share);

    /// <summary>A build system or framework, with the paths of its evidence.</summary>
    public sealed record Detection(string Id, string Name, string Kind, string? Ecosystem, IReadOnlyList<string> Evidence);

    /// <summary>The run's profile, or null when the Classifier wrote none.</summary>
    public static async Task<CardProfile?> ReadAsync(IRunArtifacts artifacts, CancellationToken cancellationToken)
    {
        var stream = await artifacts.OpenReadAsync(BundlePath, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }
        await using (stream.ConfigureAwait(false))
        {
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Read(doc.RootElement);
        }
    }

    /// <summary>Reads the profile; unknown or missing fields read as empty.</summary>
    public static CardProfile Read(JsonElement root)
    {
        var languages = Array(root, "languages").Select(l => new Language(
            Str(l, "name") ?? "", Str(l, "type") ?? "", Int(l, "files"),
            l.TryGetProperty("bytes", out var b) && b.TryGetInt64(out var bytes) ? bytes : 0,
            l.TryGetProperty("share", out var s) && s.TryGetDouble(out var share) ? share : 0)).ToList();
        var files = root.TryGetProperty("files", out var f) && f.ValueKind == JsonValueKind.Object
            ? f.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Select(p => (p.Name, p.Value.GetInt32())).ToList()
            : [];
        var license = root.TryGetProperty("licenses", out var lic) && lic.ValueKind == JsonValueKind.Object ? Str(lic, "primary") : null;
        var apps = Array(root, "apps").Where(a => a.ValueKind == JsonValueKind.Object).Select(a => new App(
            (Str(a, "root") ?? Str(a, "path") ?? ".").Trim('/') is { Length: > 0 } r ? r : ".", Str(a, "kind") ?? Str(a, "type") ?? Str(a, "serviceType"), Str(a, "name"),
            a.TryGetProperty("confidence", out var c) && c.TryGetDouble(out var confidence) ? confidence : null,
            Array(a, "evidence").Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : Str(e, "path") ?? "").Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList()))
            .ToList();
        return new CardProfile(languages, files, Detections(root, "buildSystems"), Detections(root, "frameworks"), Str(root, "serviceType"), license) { Apps = apps };
    }

    private static List<Detection> Detections(JsonElement root, string name) => Array(root, name).Select(d => new Detection(
        Str(d, "id") ?? "", Str(d, "name") ?? "", Str(d, "kind") ?? "", Str(d, "ecosystem"),
        Array(d, "evidence").Select(e => Str(e, "path") ?? "").Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList())).ToList();

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.TryGetInt32(out var i) ? i : 0;
}
