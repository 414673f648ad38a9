using System.Net.Http.Json;
using System.Text.Json;
using Noa.Safety.Vulnerabilities.Osv;

namespace Noa.Safety.Vulnerabilities.Sources;

/// <summary>The OSV API: POST {base}/v1/querybatch with one query per package (following
/// next_page_token), then GET {base}/v1/vulns/{id} for each record, matched like the offline store's.
/// Production only: this machine reaches no OSV host, so it is tested on recorded answers.</summary>
public sealed class OsvApiSource(HttpClient http, Uri baseAddress) : IAdvisorySource
{
    public static readonly Uri Public = new("https://api.osv.dev/");

    public string Name => "osv-api";

    public async Task<MatchResult> QueryAsync(IReadOnlyList<PackageRef> packages, CancellationToken cancellationToken)
    {
        var known = packages.Where(p => Ecosystems.Canonical(p.Ecosystem) is not null).ToList();
        var findings = new List<Finding>();
        var problems = new List<MatchProblem>();
        var ids = known.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
        var pending = known.Select((p, i) => (Index: i, Token: (string?)null)).ToList();
        var batchUri = new Uri(baseAddress, "v1/querybatch");
        while (pending.Count > 0)
        {
            var body = new
            {
                queries = pending.Select(q => new Dictionary<string, object?>
                {
                    ["package"] = new { ecosystem = Ecosystems.Canonical(known[q.Index].Ecosystem), name = known[q.Index].Name },
                    ["version"] = known[q.Index].Version,
                    ["page_token"] = q.Token,
                }.Where(kv => kv.Value is not null).ToDictionary()).ToList(),
            };
            var (results, problem) = await HttpOutcome.Run(Name, $"POST {batchUri}", ct => http.PostAsJsonAsync(batchUri, body, ct),
                async (s, ct) =>
                {
                    using var doc = await JsonDocument.ParseAsync(s, cancellationToken: ct).ConfigureAwait(false);
                    return doc.RootElement.GetProperty("results").EnumerateArray().Select(r => (
                        Ids: r.TryGetProperty("vulns", out var v) ? v.EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToList() : [],
                        Next: r.TryGetProperty("next_page_token", out var t) ? t.GetString() : null)).ToList();
                }, cancellationToken).ConfigureAwait(false);
            if (problem is not null) return new MatchResult(findings, [.. problems, problem]);
            if (results!.Count != pending.Count)
                return new MatchResult(findings, [.. problems, new(MatchProblemKind.SourceInvalidResponse, Name, $"{results.Count} results for {pending.Count} queries")]);
            var next = new List<(int, string?)>();
            for (var i = 0; i < pending.Count; i++)
            {
                ids[pending[i].Index].UnionWith(results[i].Ids);
                if (!string.IsNullOrEmpty(results[i].Next)) next.Add((pending[i].Index, results[i].Next));
            }
            pending = next;
        }
        var records = new Dictionary<string, OsvVulnerability>(StringComparer.Ordinal);
        foreach (var id in ids.SelectMany(s => s).Distinct())
        {
            var uri = new Uri(baseAddress, $"v1/vulns/{Uri.EscapeDataString(id)}");
            var (record, problem) = await HttpOutcome.Run(Name, $"GET {uri}", ct => http.GetAsync(uri, ct),
                async (s, ct) =>
                {
                    using var doc = await JsonDocument.ParseAsync(s, cancellationToken: ct).ConfigureAwait(false);
                    return OsvJson.Parse(doc.RootElement);
                }, cancellationToken).ConfigureAwait(false);
            if (problem is not null) problems.Add(problem);
            else records[id] = record!;
        }
        for (var i = 0; i < known.Count; i++)
        {
            foreach (var id in ids[i].Order(StringComparer.Ordinal))
            {
                if (!records.TryGetValue(id, out var vuln)) continue;
                // The API decided the package is affected; our evaluation adds the fixed version, and
                // when it disagrees the API's word stands (reported without a fix).
                findings.Add(OsvMatcher.Match(vuln, known[i], Name, problems)
                    ?? new Finding(known[i], vuln.Id, vuln.Aliases ?? [], vuln.Summary,
                        OsvMatcher.SeverityOf(vuln.Severity ?? [], null), null, (vuln.References ?? []).Select(r => r.Url).ToList(), Name));
            }
        }
        return new MatchResult(findings, problems);
    }
}
