using Noa.Licenses;

namespace Noa.Stages.Safety.Policy;

/// <summary>Judges findings and licences against a policy.</summary>
public static class PolicyEvaluator
{
    private const int Named = 5; // findings named in a reason; the rest are counted

    /// <summary>The verdict. <paramref name="today"/> decides which waivers are still in force; <paramref name="skipped"/>
    /// lowers it per the policy's <c>skipped</c> rules, and an engine in <paramref name="failures"/> fails it unless the
    /// policy allows that engine to fail.</summary>
    public static Verdict Evaluate(SafetyPolicy policy, IReadOnlyList<SafetyFinding> findings, IReadOnlyList<LicenseUse> licenses, DateOnly today,
        IReadOnlyList<SkippedInput>? skipped = null, IReadOnlyList<EngineFailure>? failures = null)
    {
        var waived = new List<WaivedFinding>();
        var expired = new List<Waiver>();
        var open = new List<SafetyFinding>();
        foreach (var f in findings)
        {
            var matching = policy.Waivers.Where(w => w.Id == f.Id || w.Id == f.Fingerprint || f.Aliases.Contains(w.Id)).ToList();
            if (matching.FirstOrDefault(w => w.Expires >= today) is { } waiver)
            {
                waived.Add(new WaivedFinding($"{f.Id} at {f.Location}", waiver.Id, waiver.Reason, waiver.Expires));
                continue;
            }
            expired.AddRange(matching.Where(w => !expired.Contains(w)));
            open.Add(f);
        }

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in open)
        {
            var key = f.Engine == "secrets" ? "secrets" : f.Severity.ToString().ToLowerInvariant();
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var gates = new List<GateDecision>
        {
            SeverityGate(policy, open.Where(f => f.Engine != "secrets").ToList()),
            SecretsGate(policy, open.Where(f => f.Engine == "secrets").ToList()),
            LicenseGate(policy.Licenses, licenses),
            EngineGate(policy, failures ?? []),
            SkippedGate(policy, skipped ?? []),
        };
        var status = gates.Any(g => g.Decision == "fail") ? "fail" : gates.Any(g => g.Decision == "warn") ? "warn" : "pass";
        return new Verdict(status, counts, gates, waived, expired);
    }

    private static GateDecision SeverityGate(SafetyPolicy policy, List<SafetyFinding> findings)
    {
        var above = findings.Where(f => f.Severity > policy.MaxSeverity).OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        var max = policy.MaxSeverity.ToString().ToLowerInvariant();
        var blocking = above.Where(f => Cap(policy, f) == Disposition.Deny).ToList();
        if (blocking.Count > 0)
        {
            return new GateDecision("severity", "fail", $"{blocking.Count} finding(s) above {max}: {Name(blocking)}");
        }
        var scoped = above.Where(f => Cap(policy, f) == Disposition.Warn).ToList();
        if (scoped.Count > 0)
        {
            return new GateDecision("severity", "warn", $"{scoped.Count} finding(s) above {max}, in {Scopes(scoped)} files only (warned by the policy's scopes): {Name(scoped)}");
        }
        return findings.Count > 0
            ? new GateDecision("severity", "warn", $"{findings.Count} finding(s) at or below {max}")
            : new GateDecision("severity", "pass", "no findings");
    }

    private static GateDecision SecretsGate(SafetyPolicy policy, List<SafetyFinding> secrets)
    {
        if (secrets.Count == 0)
        {
            return new GateDecision("secrets", "pass", "no secrets found");
        }
        // A secret in a test, fixture or example file does at most what the policy's scopes say.
        var worst = secrets.Max(f => (Disposition)Math.Min((int)policy.Secrets, (int)Cap(policy, f)));
        var decision = worst switch { Disposition.Deny => "fail", Disposition.Warn => "warn", _ => "pass" };
        var scoped = worst < policy.Secrets ? $", in {Scopes(secrets)} files only ({Past(worst)} by the policy's scopes)" : "";
        return new GateDecision("secrets", decision, $"{secrets.Count} secret(s) in the source ({Past(policy.Secrets)} by the policy{scoped}): {Name(secrets)}");
    }

    private static GateDecision LicenseGate(LicensePolicy policy, IReadOnlyList<LicenseUse> licenses)
    {
        var denied = new List<string>();
        var unknown = new List<string>();
        foreach (var use in licenses)
        {
            var expression = use.Expression is { } text ? SpdxExpression.Parse(text).Expression : null;
            if (expression is null)
            {
                unknown.Add(use.Subject);
                continue;
            }
            if (expression.Denied(policy.Deny) || (policy.Allow.Count > 0 && !expression.Allowed(policy.Allow)))
            {
                denied.Add($"{use.Subject} ({use.Expression})");
            }
        }
        if (denied.Count > 0)
        {
            return new GateDecision("licenses", "fail", $"{denied.Count} licence(s) not allowed: {string.Join(", ", denied.Take(Named))}{More(denied.Count)}");
        }
        if (unknown.Count > 0 && policy.Unknown != Disposition.Allow)
        {
            return new GateDecision("licenses", policy.Unknown == Disposition.Deny ? "fail" : "warn",
                $"{unknown.Count} package(s) without a known licence: {string.Join(", ", unknown.Take(Named))}{More(unknown.Count)}");
        }
        return new GateDecision("licenses", "pass", $"{licenses.Count} licence(s) checked");
    }

    // Fail closed: an engine that could not finish has not shown the source is safe.
    private static GateDecision EngineGate(SafetyPolicy policy, IReadOnlyList<EngineFailure> failures)
    {
        if (failures.Count == 0)
        {
            return new GateDecision("engines", "pass", "every engine finished");
        }
        var blocking = failures.Where(f => !policy.AllowFailure.Contains(f.Engine, StringComparer.Ordinal)).ToList();
        var text = string.Join("; ", failures.Select(f => $"{f.Engine} could not finish: {f.Error}"));
        return blocking.Count > 0
            ? new GateDecision("engines", "fail", text)
            : new GateDecision("engines", "warn", text + " (allowed to fail by the policy)");
    }

    private static GateDecision SkippedGate(SafetyPolicy policy, IReadOnlyList<SkippedInput> skipped)
    {
        if (skipped.Count == 0)
        {
            return new GateDecision("skipped", "pass", "every input was scanned");
        }
        var byReason = skipped.GroupBy(s => s.Reason, StringComparer.Ordinal)
            .Select(g => (Reason: g.Key, Items: g.ToList(), Disposition: policy.Skipped.TryGetValue(g.Key, out var d) ? d : Disposition.Deny))
            .OrderByDescending(g => g.Disposition).ThenBy(g => g.Reason, StringComparer.Ordinal).ToList();
        var worst = byReason[0].Disposition;
        var parts = byReason.Select(g => $"{g.Items.Count} {g.Reason} ({g.Disposition.ToString().ToLowerInvariant()})"
            + (g.Disposition == Disposition.Allow ? "" : ": " + string.Join(", ", g.Items.Take(Named).Select(i => $"{i.Engine} {i.Input}")) + More(g.Items.Count)));
        var decision = worst switch { Disposition.Deny => "fail", Disposition.Warn => "warn", _ => "pass" };
        return new GateDecision("skipped", decision, $"{skipped.Count} input(s) not scanned, listed in safety.json: {string.Join("; ", parts)}");
    }

    // The most a finding may do to its gate: a product file's (or one of unknown scope) anything, a test, fixture or
    // example file's what the policy's scopes say.
    private static Disposition Cap(SafetyPolicy policy, SafetyFinding f) =>
        f.Scope is { } scope && policy.Scopes.TryGetValue(scope, out var cap) ? cap : Disposition.Deny;

    private static string Scopes(IReadOnlyList<SafetyFinding> findings) =>
        string.Join(", ", findings.Select(f => f.Scope).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static string Name(IReadOnlyList<SafetyFinding> findings) =>
        string.Join(", ", findings.Take(Named).Select(f => $"{f.Id} ({f.Severity.ToString().ToLowerInvariant()}) at {f.Location}")) + More(findings.Count);

    private static string Past(Disposition disposition) => disposition switch
    {
        Disposition.Deny => "denied",
        Disposition.Warn => "warned",
        _ => "allowed",
    };

    private static string More(int count) => count > Named ? $" and {count - Named} more" : "";
}
