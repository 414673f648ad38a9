namespace Noa.Stages.Classifier;

/// <summary>The classifier's <c>profile.json</c> (schema: <c>schemas/profile.schema.json</c>).</summary>
public sealed record Profile
{
    /// <summary>Bundle path of the artifact.</summary>
    public const string BundlePath = "profile.json";

    /// <summary>Format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Versions of the data the classification used.</summary>
    public required DataVersions Data { get; init; }

    /// <summary>Programming and markup languages by bytes, descending.</summary>
    public required IReadOnlyList<LanguageStat> Languages { get; init; }

    /// <summary>What became of the files.</summary>
    public required FileCounts Files { get; init; }

    /// <summary>Build systems and package managers.</summary>
    public required IReadOnlyList<Detection> BuildSystems { get; init; }

    /// <summary>Frameworks and notable libraries.</summary>
    public required IReadOnlyList<Detection> Frameworks { get; init; }

    /// <summary>The best-ranked service type.</summary>
    public required string ServiceType { get; init; }

    /// <summary>Every service type with a positive score, best first.</summary>
    public required IReadOnlyList<ServiceTypeScore> ServiceTypes { get; init; }

    /// <summary>Licence files, declared licences and source headers.</summary>
    public required LicenseReport Licenses { get; init; }
}
