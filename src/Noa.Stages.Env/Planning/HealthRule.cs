using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>The health path: a GET endpoint the graph found whose path says health (<c>/health</c>, <c>/healthz</c>, <c>/ready</c>,
/// <c>/ping</c>, …), else the GET endpoint at <c>/</c>; undecided means the probe is the port.</summary>
internal static partial class HealthRule
{
    public static Decision Decide(AppFacts facts)
    {
        var gets = facts.Endpoints.Where(e => e.Endpoint is { } ep && ep.Method is "GET" or "ANY" && !ep.Path.Contains('{'))
            .OrderBy(e => e.Endpoint!.Path.Length).ThenBy(e => e.Endpoint!.Path, StringComparer.Ordinal).ToList();
        if (gets.FirstOrDefault(e => HealthPath().IsMatch(e.Endpoint!.Path)) is { } health)
            return new Decision(health.Endpoint!.Path, "health.endpoint", 0.9, [CommandRules.Where(health)]);
        if (gets.FirstOrDefault(e => e.Endpoint!.Path == "/") is { } root)
            return new Decision("/", "health.root-endpoint", 0.7, [CommandRules.Where(root)]);
        return Decision.Undecided("health: the graph found no GET endpoint for health or at /; the probe is the port");
    }

    [GeneratedRegex(@"(^|/)(health|healthz|healthcheck|health-check|livez|readyz|ready|ping|status|alive)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex HealthPath();
}
