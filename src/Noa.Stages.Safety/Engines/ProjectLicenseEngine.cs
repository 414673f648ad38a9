using Noa.Abstractions.Profiles;

namespace Noa.Stages.Safety.Engines;

/// <summary>The project's own licence, from the Classifier's <c>profile.json</c> (its primary licence, or the SPDX
/// expression a manifest declares).</summary>
internal sealed class ProjectLicenseEngine : ISafetyEngine
{
    public string Name => "licenses";

    public async Task<EngineResult> RunAsync(SafetyInput input, CancellationToken cancellationToken)
    {
        if (await Profile.ReadAsync(input.Artifacts, cancellationToken).ConfigureAwait(false) is not { } profile)
        {
            return EngineResult.Empty("no profile.json", "the classifier's profile.json is missing: the project's licence is unknown");
        }
        var primary = profile.Licenses.Primary;
        return new EngineResult([], [new Policy.LicenseUse("project", primary)], null,
            primary is null ? "project licence unknown" : $"project licence {primary}", []);
    }
}
