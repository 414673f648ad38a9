using System.Text.RegularExpressions;
using Noa.Abstractions.Env;

namespace Noa.Stages.Env.Checks;

/// <summary><c>env/.env.example</c> against the plan: every variable of every app is there once as <c>NAME=</c>, every line that
/// is not a comment is an assignment to a name a shell and a dotenv reader accept, and nothing is there the plan does not name.</summary>
internal static partial class EnvExampleCheck
{
    public const string Name = "complete against env/plan.json (every planned variable, valid names)";

    public static StaticCheck Check(string path, string content, IReadOnlyList<AppPlan> apps)
    {
        var problems = new List<string>();
        var assigned = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? line[..eq] : line;
            if (eq <= 0 || !Identifier().IsMatch(name))
                problems.Add($"line {i + 1}: '{name}' is not a variable name a shell or dotenv accepts");
            else
                assigned[name] = assigned.GetValueOrDefault(name) + 1;
        }
        var planned = apps.SelectMany(a => a.Env.Select(v => v.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in planned.Where(n => !assigned.ContainsKey(n)).Order(StringComparer.Ordinal))
            problems.Add($"{name}: planned but not in the file");
        foreach (var name in assigned.Keys.Where(n => !planned.Contains(n)).Order(StringComparer.Ordinal))
            problems.Add($"{name}: in the file but not in the plan");
        return new StaticCheck(path, Name, problems.Count == 0, problems);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
