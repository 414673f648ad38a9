using Noa.Safety.Vulnerabilities.Osv;
using Noa.Safety.Vulnerabilities.Store;

namespace Noa.Safety.Vulnerabilities.Sources;

/// <summary>Matches against an <see cref="AdvisoryStore"/>, caching each package's result by
/// (package, version, store revision).</summary>
public sealed class OfflineAdvisorySource(AdvisoryStore store) : IAdvisorySource
{
    public string Name => "osv-offline";

    public Task<MatchResult> QueryAsync(IReadOnlyList<PackageRef> packages, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var problems = new List<MatchProblem>();
        foreach (var package in packages.Where(p => Ecosystems.Canonical(p.Ecosystem) is not null))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = store.CachedResult(package) ?? Compute(package);
            findings.AddRange(result.Findings);
            problems.AddRange(result.Problems);
        }
        return Task.FromResult(new MatchResult(findings, problems));
    }

    internal int CacheMisses { get; private set; }

    private MatchResult Compute(PackageRef package)
    {
        CacheMisses++;
        var problems = new List<MatchProblem>();
        var findings = new List<Finding>();
        if (!Ecosystems.Scheme(package.Ecosystem)!.IsValid(package.Version))
        {
            problems.Add(new(MatchProblemKind.InvalidVersion, Name, $"'{package.Version}' is not a {package.Ecosystem} version", package));
        }
        else
        {
            foreach (var vuln in store.Lookup(package.Ecosystem, package.Name))
            {
                if (OsvMatcher.Match(vuln, package, Name, problems) is { } f) findings.Add(f);
            }
        }
        var result = new MatchResult(findings, problems);
        store.CacheResult(package, result);
        return result;
    }
}
