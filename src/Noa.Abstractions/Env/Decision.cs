using System.Text.Json.Serialization;

namespace Noa.Abstractions.Env;

/// <summary>
/// One decision of an app's environment plan: the value, the rule that decided it, how sure it is and where in the source
/// the evidence is. A value that could not be decided is null, and <see cref="Rule"/> says why (never a silent guess).
/// </summary>
/// <param name="Value">The decided value (a version, a command, a port, a path), or null when undecided.</param>
/// <param name="Rule">The rule that decided it (<see cref="EnvPlan.Rules"/>), or why nothing could be decided.</param>
/// <param name="Confidence">0–1: 1 for a literal the source states, lower for conventions and defaults, 0 when undecided.</param>
/// <param name="Evidence">Where it is read: <c>file:line</c> (or <c>file</c>), or <c>graph:NODE</c> for a fact of kg.json.</param>
public sealed record Decision(string? Value, string Rule, double Confidence, IReadOnlyList<string> Evidence)
{
    /// <summary>A value that could not be decided, and why.</summary>
    public static Decision Undecided(string why) => new(null, why, 0, []);

    /// <summary>Whether a value was decided.</summary>
    [JsonIgnore]
    public bool IsDecided => Value is not null;
}
