using System.Text.Json;
using Noa.Abstractions;
using Noa.Abstractions.Profiles;

namespace Noa.Stages.Registrar;

/// <summary>
/// The catalogue row of a published run, from what the run wrote: Intake's provenance (already read for the manifest), the
/// Classifier's <c>profile.json</c> (read with its contract, <see cref="Profile.ReadAsync(Stream, CancellationToken)"/>: languages,
/// frameworks, service types, and the source's own licences — licence files and declared licences, not the dependencies' of the
/// SBOM, so that <c>license=MIT</c> finds MIT sources rather than everything that depends on an MIT package) and Safety's verdict
/// (the <c>status</c> of <c>safety.json</c>). A run without a profile or a safety report (stages left out with <c>only</c>) gets
/// empty lists and no verdict; a profile or report that breaks its contract fails the publish before anything is pushed, as any
/// malformed artifact does. The bundle's reference, digest and store are filled in once it is published.
/// </summary>
internal static class CatalogFacts
{
    public const string SafetyPath = "safety.json";

    public static async Task<CatalogEntry> ReadAsync(RunRecord run, SourceFacts source, Func<string, CancellationToken, Task<Stream?>> open,
        CancellationToken cancellationToken)
    {
        var entry = new CatalogEntry
        {
            RunId = run.RunId, Tenant = run.Request.Tenant, Source = source.Locator, SourceName = source.Name(), TreeHash = source.TreeHash,
            Commit = source.Commit, Reference = "", Digest = "", Store = "", CreatedAt = run.CreatedAt,
        };
        if (await open(Profile.BundlePath, cancellationToken) is { } profileStream)
        {
            Profile profile;
            await using (profileStream)
                profile = await Profile.ReadAsync(profileStream, cancellationToken);
            entry = entry with
            {
                Languages = [.. profile.Languages.Select(l => l.Name)],
                Frameworks = [.. profile.Frameworks.Select(f => f.Name).Distinct(StringComparer.Ordinal)],
                ServiceTypes = [.. new[] { profile.ServiceType }.Concat(profile.ServiceTypes.Select(s => s.Type)).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)],
                Licenses = Licenses(profile.Licenses),
            };
        }
        if (await open(SafetyPath, cancellationToken) is { } safety)
        {
            await using (safety)
                entry = entry with { Verdict = await VerdictAsync(safety, cancellationToken) };
        }
        return entry;
    }

    private static string[] Licenses(LicenseReport report) =>
        [.. report.Files.Select(f => f.Spdx).OfType<string>()
            .Concat(report.Declared.Where(d => d.Valid).SelectMany(d => d.Licenses))
            .Concat(report.Notices.Select(n => n.Spdx).OfType<string>())
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];

    // Only the verdict is needed of safety.json, whose typed model is the Safety stage's own (the Registrar does not reference
    // it); the status is one of the verdicts the Safety stage writes.
    private static async Task<string> VerdictAsync(Stream json, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(json, cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String && status.GetString() is "pass" or "warn" or "fail" && status.GetString() is { } verdict
                ? verdict
                : throw new InvalidDataException($"{SafetyPath} has no status of pass, warn or fail");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{SafetyPath} is not valid JSON: {e.Message}", e);
        }
    }
}
