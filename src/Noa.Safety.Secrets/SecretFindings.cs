namespace Noa.Safety.Secrets;

/// <summary>Ordering and de-duplication of findings from several engines.</summary>
public static class SecretFindings
{
    /// <summary>Orders by path, line, column, rule.</summary>
    public static IReadOnlyList<SecretFinding> Order(IEnumerable<SecretFinding> findings) =>
        findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Adds an external engine's findings to <paramref name="ours"/>: one that has the content fingerprint
    /// of an existing finding, or its file, line and commit, is the same secret (the engine is added to its
    /// <see cref="SecretFinding.Engines"/>); any other is kept as its own finding.
    /// </summary>
    public static IReadOnlyList<SecretFinding> Merge(IEnumerable<SecretFinding> ours, IEnumerable<SecretFinding> external)
    {
        var result = ours.ToList();
        foreach (var e in external)
        {
            var i = result.FindIndex(f => (e.ContentFingerprint.Length > 0 && f.ContentFingerprint == e.ContentFingerprint) ||
                (f.Path == e.Path && f.Line == e.Line && f.Commit == e.Commit));
            if (i < 0) { result.Add(e); continue; }
            var engines = result[i].Engines.Union(e.Engines, StringComparer.Ordinal).ToArray();
            result[i] = result[i] with { Engines = engines };
        }
        return Order(result);
    }
}
