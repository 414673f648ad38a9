namespace Noa.Safety.Secrets.Rules;

/// <summary>A rule (or config) that could not be used, and why; the rest of the rules still run.</summary>
/// <param name="RuleId">The rule's id, or <c>config</c> / <c>global</c> for the file itself.</param>
/// <param name="Message">What is wrong.</param>
public sealed record RuleError(string RuleId, string Message);
