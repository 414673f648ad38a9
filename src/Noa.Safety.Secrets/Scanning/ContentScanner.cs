using System.Text.RegularExpressions;
using Noa.Safety.Secrets.Rules;

namespace Noa.Safety.Secrets.Scanning;

/// <summary>Runs a rule set over one text: keywords first (one Aho-Corasick pass), then only the selected rules' regexes.</summary>
internal sealed class ContentScanner(RuleSet rules)
{
    private static readonly string[] InlineAllow = ["gitleaks:allow", "noa:allow-secret"];

    // lineOf maps a 1-based line of text to the reported line (a patch hunk's added lines); null for identity.
    public void Scan(string path, string text, string? commit, Func<int, int>? lineOf, List<SecretFinding> findings, List<SkippedFile> skipped,
        bool pathRules = true)
    {
        foreach (var r in pathRules ? rules.PathRules : [])
        {
            var rule = rules.Rules[r];
            if (rule.Path!.IsMatch(path) && !rule.Allowlists.Any(a => a.AllowsPath(path)))
            {
                findings.Add(new SecretFinding(rule.Rule.Id, rule.Rule.Description, path, 0, 0, commit, "", "",
                    Fingerprints.Location(commit, path, rule.Rule.Id, 0), Fingerprints.Content(path, rule.Rule.Id, ""), 0, ["noa"], rule.Rule.Tags));
            }
        }
        var found = new bool[rules.Automaton.Count];
        rules.Automaton.Find(text, found);
        var selected = new SortedSet<int>(rules.AlwaysRun);
        for (var k = 0; k < found.Length; k++)
        {
            if (found[k]) { selected.UnionWith(rules.KeywordOwners[k]); }
        }
        int[]? lineStarts = null;
        var spans = new List<(SecretFinding Finding, int Start, int End, bool Generic)>();
        foreach (var r in selected)
        {
            var rule = rules.Rules[r];
            if (rule.Path is not null && !rule.Path.IsMatch(path)) { continue; }
            if (rule.Allowlists.Any(a => a.AllowsPath(path))) { continue; }
            try
            {
                foreach (var m in SameLineMatches(rule.Content!, text, rule.Rule.SecretGroup))
                {
                    var group = SecretGroup(m, rule.Rule.SecretGroup);
                    if (group.Length == 0) { continue; }
                    var secret = group.Value;
                    var entropy = Entropy.Shannon(secret);
                    if (rule.Rule.Entropy is { } min && entropy < min) { continue; }
                    lineStarts ??= LineStarts(text);
                    var lineIndex = LineIndex(lineStarts, group.Index);
                    var lineText = LineText(text, lineStarts, lineIndex);
                    if (InlineAllow.Any(a => lineText.Contains(a, StringComparison.Ordinal))) { continue; }
                    if (rules.Global.Any(a => a.Allows(path, commit, secret, m.Value, lineText))) { continue; }
                    if (rule.Allowlists.Any(a => a.Allows(path, commit, secret, m.Value, lineText))) { continue; }
                    var line = lineOf is null ? lineIndex + 1 : lineOf(lineIndex + 1);
                    spans.Add((new SecretFinding(rule.Rule.Id, rule.Rule.Description, path, line,
                        group.Index - lineStarts[lineIndex] + 1, commit, Redactor.Secret(secret), Redactor.Match(m.Value.Trim(), secret),
                        Fingerprints.Location(commit, path, rule.Rule.Id, line), Fingerprints.Content(path, rule.Rule.Id, secret),
                        Math.Round(entropy, 3), ["noa"], rule.Rule.Tags), group.Index, group.Index + group.Length, rule.Rule.Tags.Contains("generic")));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                skipped.Add(new SkippedFile(path, SkipReason.RegexTimeout, $"rule {rule.Rule.Id} exceeded {rule.Content!.MatchTimeout.TotalSeconds:0.#} s"));
            }
        }
        // A generic rule's finding on a secret that a specific rule also found is the same secret, named worse.
        foreach (var s in spans)
        {
            if (!s.Generic || !spans.Any(o => !o.Generic && o.Start < s.End && s.Start < o.End)) { findings.Add(s.Finding); }
        }
    }

    // Matches whose secret is on the line where the match starts: a name on one line and a value on the next are not an
    // assignment (`password =` then `get_password_from_vault()`). After such a match the search resumes at its line
    // break, so a secret on the next line is still found. A secret that itself spans lines (a private key block) is
    // whole from its first line, so it is kept.
    private static IEnumerable<Match> SameLineMatches(Regex regex, string text, int secretGroup)
    {
        var m = regex.Match(text);
        while (m.Success)
        {
            var lineBreak = LineBreakBefore(text, m.Index, SecretGroup(m, secretGroup).Index);
            if (lineBreak < 0)
            {
                yield return m;
                m = m.NextMatch();
            }
            else
            {
                m = regex.Match(text, lineBreak);
            }
        }
    }

    // The first line break between a match's start (the line breaks it starts with aside) and its secret, or -1.
    private static int LineBreakBefore(string text, int start, int secret)
    {
        while (start < secret && text[start] is '\n' or '\r')
        {
            start++;
        }
        return secret > start ? text.IndexOf('\n', start, secret - start) : -1;
    }

    private static Group SecretGroup(Match m, int secretGroup)
    {
        if (secretGroup > 0) { return secretGroup < m.Groups.Count ? m.Groups[secretGroup] : m; }
        for (var g = 1; g < m.Groups.Count; g++)
        {
            if (m.Groups[g].Success && m.Groups[g].Length > 0) { return m.Groups[g]; }
        }
        return m;
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1)) { starts.Add(i + 1); }
        return starts.ToArray();
    }

    private static int LineIndex(int[] starts, int offset)
    {
        var i = Array.BinarySearch(starts, offset);
        return i >= 0 ? i : ~i - 1;
    }

    private static string LineText(string text, int[] starts, int index)
    {
        var end = index + 1 < starts.Length ? starts[index + 1] - 1 : text.Length;
        return text[starts[index]..end].TrimEnd('\r');
    }
}
