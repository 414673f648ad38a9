using System.Text.Json;

namespace Noa.Stages.Safety.Engines;

/// <summary>The project's own licence, from the Classifier's <c>profile.json</c> (its primary licence, or the SPDX
/// expression a manifest declares).</summary>
internal sealed class ProjectLicenseEngine : ISafetyEngine
{
    public string Name => "licenses";

    public async Task<EngineResult> RunAsync(SafetyInput input, CancellationToken cancellationToken)
    {
        var stream = await input.Artifacts.OpenReadAsync("profile.json", cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return EngineResult.Empty("no profile.json", "the classifier's profile.json is missing: the project's licence is unknown");
        }
        await using (stream.ConfigureAwait(false))
        {
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            var licenses = doc.RootElement.TryGetProperty("licenses", out var l) ? l : default;
            var primary = licenses.ValueKind == JsonValueKind.Object && licenses.TryGetProperty("primary", out var p) && p.ValueKind == JsonValueKind.String
                ? p.GetString()
                : null;
            return new EngineResult([], [new Policy.LicenseUse("project", primary)], null,
                primary is null ? "project licence unknown" : $"project licence {primary}", []);
        }
    }
}
