using Noa.TreeSitter;

namespace Noa.Safety.Rules.Engine;

/// <summary>
/// The rules of one grammar, compiled twice: each rule's own query, and all of them as one query whose patterns map
/// back to their rules, so a file is walked once however many rules there are.
/// </summary>
internal sealed class LanguageRules : IDisposable
{
    private readonly Rule[] _ruleOfPattern;

    public LanguageRules(Language language, IReadOnlyList<(Rule Rule, Query Query)> rules)
    {
        Language = language;
        Separate = rules;
        Combined = new Query(language, string.Join("\n\n", rules.Select(r => r.Rule.Query)));
        _ruleOfPattern = rules.SelectMany(r => Enumerable.Repeat(r.Rule, r.Query.PatternCount)).ToArray();
        if (_ruleOfPattern.Length != Combined.PatternCount)
        {
            throw new InvalidOperationException(
                $"{language.Name}: the combined query has {Combined.PatternCount} patterns, its rules {_ruleOfPattern.Length}");
        }
    }

    public Language Language { get; }

    public Query Combined { get; }

    public IReadOnlyList<(Rule Rule, Query Query)> Separate { get; }

    public Rule RuleOf(int pattern) => _ruleOfPattern[pattern];

    public void Dispose()
    {
        Combined.Dispose();
        foreach (var (_, query) in Separate)
        {
            query.Dispose();
        }
    }
}
