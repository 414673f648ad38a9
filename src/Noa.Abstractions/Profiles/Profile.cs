using System.Text.Json;

namespace Noa.Abstractions.Profiles;

/// <summary>
/// The Classifier's <c>profile.json</c> (schema: <c>schemas/profile.schema.json</c>). Each section counts a stated scope
/// (<see cref="FileScopes"/>): <see cref="Languages"/> follows linguist (every file it counts, tests included);
/// <see cref="BuildSystems"/> and <see cref="Frameworks"/> the repository's own code (product, test and benchmark scopes);
/// <see cref="Elsewhere"/> what only examples and documentation show; <see cref="ServiceType"/>, <see cref="Apps"/> and
/// <see cref="Workspaces"/> the product scope only.
/// </summary>
public sealed record Profile
{
    /// <summary>Bundle path of the artifact.</summary>
    public const string BundlePath = "profile.json";

    /// <summary>The version this build writes and reads.</summary>
    public const int CurrentVersion = 2;

    /// <summary>Format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Versions of the data the classification used.</summary>
    public required DataVersions Data { get; init; }

    /// <summary>Programming and markup languages by bytes, descending, counted as linguist counts them (files of category classified).</summary>
    public required IReadOnlyList<LanguageStat> Languages { get; init; }

    /// <summary>Files per linguist category.</summary>
    public required FileCounts Files { get; init; }

    /// <summary>Files per scope.</summary>
    public required ScopeCounts Scopes { get; init; }

    /// <summary>Build systems and package managers of the repository's own code (product, test and benchmark scopes).</summary>
    public required IReadOnlyList<Detection> BuildSystems { get; init; }

    /// <summary>Frameworks and notable libraries of the repository's own code (product, test and benchmark scopes).</summary>
    public required IReadOnlyList<Detection> Frameworks { get; init; }

    /// <summary>Build systems and frameworks found only in examples and documentation.</summary>
    public required Elsewhere Elsewhere { get; init; }

    /// <summary>What the product runs as: from the apps (http-api when any app is a service, else worker, frontend, cli, library), else
    /// the best-ranked of <see cref="ServiceTypes"/>.</summary>
    public required string ServiceType { get; init; }

    /// <summary>Every service type with a positive score, best first.</summary>
    public required IReadOnlyList<ServiceTypeScore> ServiceTypes { get; init; }

    /// <summary>The apps (packages, modules, crates, projects) of the product scope, sorted by root.</summary>
    public required IReadOnlyList<App> Apps { get; init; }

    /// <summary>Workspaces that build several apps together, sorted by root and tool.</summary>
    public required IReadOnlyList<Workspace> Workspaces { get; init; }

    /// <summary>Licence files, declared licences (of the repository's own manifests) and source headers.</summary>
    public required LicenseReport Licenses { get; init; }

    /// <summary>Manifests that could not be read, by path, each with why: what they declare is missing above. Empty when
    /// every manifest was read (and in profiles written before it was recorded).</summary>
    public IReadOnlyList<UnreadManifest> Unread { get; init; } = [];

    /// <summary>The profile as the Classifier writes it (UTF-8 JSON).</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ArtifactJson.Readable.Profile);

    /// <summary>The run's profile; null when the run has none (the Classifier did not run).</summary>
    /// <exception cref="InvalidDataException">It does not follow this contract (another version, a missing field).</exception>
    public static Task<Profile?> ReadAsync(IRunArtifacts artifacts, CancellationToken cancellationToken) =>
        ArtifactReader.ReadAsync(artifacts, BundlePath, ArtifactJson.Readable.Profile, p => p.Version, CurrentVersion, cancellationToken);

    /// <summary>Reads a profile from JSON.</summary>
    /// <exception cref="InvalidDataException">It does not follow this contract (another version, a missing field).</exception>
    public static Task<Profile> ReadAsync(Stream json, CancellationToken cancellationToken = default) =>
        ArtifactReader.ReadAsync(json, BundlePath, ArtifactJson.Readable.Profile, p => p.Version, CurrentVersion, cancellationToken);
}
