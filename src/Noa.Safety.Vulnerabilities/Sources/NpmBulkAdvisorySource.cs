using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Noa.Safety.Vulnerabilities.Cvss;
using Noa.Safety.Vulnerabilities.Versions;

namespace Noa.Safety.Vulnerabilities.Sources;

/// <summary>The npm registry's bulk advisory endpoint (what npm audit calls):
/// POST {registry}/-/npm/v1/security/advisories/bulk with {"name": ["version", …]}, answered with
/// {"name": [{id, url, title, severity, vulnerable_versions, cvss: {score, vectorString}}]}.</summary>
public sealed class NpmBulkAdvisorySource(HttpClient http, Uri registry) : IAdvisorySource
{
    public string Name => "npm-bulk";

    public Uri Endpoint { get; } = new(new Uri(registry.ToString().TrimEnd('/') + "/"), "-/npm/v1/security/advisories/bulk");

    /// <summary>The registry npm itself would use: $npm_config_registry, else the registry= line of
    /// ~/.npmrc, else registry.npmjs.org.</summary>
    public static Uri DefaultRegistry()
    {
        var env = Environment.GetEnvironmentVariable("npm_config_registry") ?? Environment.GetEnvironmentVariable("NPM_CONFIG_REGISTRY");
        if (!string.IsNullOrWhiteSpace(env)) return new Uri(env);
        var npmrc = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".npmrc");
        var line = File.Exists(npmrc)
            ? File.ReadLines(npmrc).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("registry=", StringComparison.Ordinal))
            : null;
        return new Uri(line is null ? "https://registry.npmjs.org/" : line["registry=".Length..]);
    }

    public async Task<MatchResult> QueryAsync(IReadOnlyList<PackageRef> packages, CancellationToken cancellationToken)
    {
        var npm = packages.Where(p => Ecosystems.Canonical(p.Ecosystem) == Ecosystems.Npm).ToList();
        if (npm.Count == 0) return new MatchResult([], []);
        var body = npm.GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Version).Distinct().ToArray(), StringComparer.Ordinal);
        var (answer, problem) = await HttpOutcome.Run(Name, $"POST {Endpoint}",
            ct => http.PostAsJsonAsync(Endpoint, body, ct),
            async (s, ct) => await JsonSerializer.DeserializeAsync<Dictionary<string, List<NpmAdvisory>>>(s, cancellationToken: ct).ConfigureAwait(false)
                ?? throw new JsonException("null answer"),
            cancellationToken).ConfigureAwait(false);
        return problem is not null ? new MatchResult([], [problem]) : Map(npm, answer!);
    }

    internal MatchResult Map(IReadOnlyList<PackageRef> packages, Dictionary<string, List<NpmAdvisory>> answer)
    {
        var findings = new List<Finding>();
        var problems = new List<MatchProblem>();
        foreach (var package in packages)
        {
            foreach (var a in answer.GetValueOrDefault(package.Name) ?? [])
            {
                try
                {
                    if (!NpmRange.Satisfies(a.VulnerableVersions, package.Version)) continue;
                    var score = a.Cvss?.VectorString is { } vector ? Cvss3.BaseScore(vector) : null;
                    var severity = score is { } s
                        ? new Severity(Severity.BandOf(s), s, a.Cvss!.VectorString, "cvss3")
                        : new Severity(Severity.BandOf(a.Severity ?? ""), null, a.Cvss?.VectorString, "database");
                    findings.Add(new Finding(package, HttpOutcome.AdvisoryId(a.Url ?? "", $"NPM-{a.Id}"), [], a.Title, severity,
                        NpmRange.FixedAbove(a.VulnerableVersions, package.Version), a.Url is null ? [] : [a.Url], Name));
                }
                catch (FormatException e)
                {
                    problems.Add(new(MatchProblemKind.InvalidVersion, Name, $"advisory {a.Id} ({a.VulnerableVersions}): {e.Message}", package));
                }
            }
        }
        return new MatchResult(findings, problems);
    }

    internal sealed record NpmAdvisory(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("severity")] string? Severity,
        [property: JsonPropertyName("vulnerable_versions")] string VulnerableVersions,
        [property: JsonPropertyName("cvss")] NpmCvss? Cvss);

    internal sealed record NpmCvss(
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("vectorString")] string? VectorString);
}
