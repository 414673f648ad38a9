namespace Noa.Safety.Rules;

/// <summary>A rule's severity, in SARIF's words; <see cref="RuleSeverityExtensions.Level"/> gives the policy words.</summary>
public enum RuleSeverity
{
    /// <summary>Low: a weak practice worth a look.</summary>
    Note,

    /// <summary>Medium: likely a flaw.</summary>
    Warning,

    /// <summary>High: an exploitable flaw if the input is attacker-controlled.</summary>
    Error,
}

/// <summary>Names of <see cref="RuleSeverity"/>.</summary>
public static class RuleSeverityExtensions
{
    /// <summary>The SARIF level: <c>error</c>, <c>warning</c> or <c>note</c>.</summary>
    public static string SarifLevel(this RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        _ => "note",
    };

    /// <summary>The policy level: <c>high</c>, <c>medium</c> or <c>low</c>.</summary>
    public static string Level(this RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "high",
        RuleSeverity.Warning => "medium",
        _ => "low",
    };

    internal static RuleSeverity? Parse(string? text) => text switch
    {
        "error" or "high" => RuleSeverity.Error,
        "warning" or "medium" => RuleSeverity.Warning,
        "note" or "low" => RuleSeverity.Note,
        _ => null,
    };
}
