namespace Noa.Safety.Rules;

/// <summary>A rule file that cannot be used: every problem found, each naming the rule and the reason.</summary>
public sealed class RuleLoadException(IReadOnlyList<string> errors)
    : Exception($"invalid rule file: {string.Join("; ", errors)}")
{
    /// <summary>Each problem, e.g. <c>rule 'python-eval': python query: syntax error at line 2, near '(call'</c>.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
