namespace Noa.Safety.Vulnerabilities.Sources;

/// <summary>Somewhere advisories come from: the offline store, a registry's advisory endpoint, the
/// OSV API. A source reports what it cannot do as problems, never by throwing.</summary>
public interface IAdvisorySource
{
    /// <summary>A short stable name ("osv-offline", "npm-bulk", "nuget", "osv-api").</summary>
    string Name { get; }

    /// <summary>Findings for the packages of ecosystems this source covers; other packages are ignored.</summary>
    Task<MatchResult> QueryAsync(IReadOnlyList<PackageRef> packages, CancellationToken cancellationToken);
}
