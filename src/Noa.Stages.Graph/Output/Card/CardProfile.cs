using Noa.Abstractions;
using Noa.Abstractions.Profiles;

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
    public static async Task<CardProfile?> ReadAsync(IRunArtifacts artifacts, CancellationToken cancellationToken) =>
        await Profile.ReadAsync(artifacts, cancellationToken).ConfigureAwait(false) is { } profile ? From(profile) : null;

    /// <summary>The parts of the profile the card shows.</summary>
    public static CardProfile From(Profile profile)
    {
        var f = profile.Files;
        return new CardProfile(
            [.. profile.Languages.Select(l => new Language(l.Name, l.Type, l.Files, l.Bytes, l.Share))],
            [("total", f.Total), ("classified", f.Classified), ("other", f.Other), ("vendored", f.Vendored), ("generated", f.Generated),
                ("documentation", f.Documentation), ("binary", f.Binary)],
            Detections(profile.BuildSystems), Detections(profile.Frameworks), profile.ServiceType, profile.Licenses.Primary)
        {
            Apps = [.. profile.Apps.Select(a => new App(a.Root.Trim('/') is { Length: > 0 } root ? root : ".", a.Kind, a.Name, a.Confidence,
                [.. a.Evidence.Select(e => e.Path).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)]))],
        };
    }

    private static List<Detection> Detections(IReadOnlyList<Noa.Abstractions.Profiles.Detection> detections) => [.. detections.Select(d => new Detection(
        d.Id, d.Name, d.Kind, d.Ecosystem, [.. d.Evidence.Select(e => e.Path).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)]))];
}
