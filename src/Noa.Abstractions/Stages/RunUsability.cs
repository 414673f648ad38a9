namespace Noa.Abstractions;

/// <summary>
/// When a run is usable: its knowing stages have ended with what a user reads and searches (profile, graph, system card, safety
/// verdict, the chunks searchable), while its doing stages (Env's proof, the Integrator's SDKs, the Runner, the Registrar) may
/// still run for minutes. The engine records the moment once on the run (<see cref="RunRecord.UsableAt"/>) and says it in a
/// <c>RunUsable</c> event; <c>noa digest</c>, <c>noa runs show</c> and <c>noa search</c> say what is still running.
/// </summary>
public static class RunUsability
{
    /// <summary>The knowing stages, in the catalogue's order.</summary>
    public static IReadOnlyList<string> KnowingStages { get; } = ["intake", "classifier", "graph", "safety", "embeddings"];

    /// <summary>True for a knowing stage.</summary>
    public static bool IsKnowing(string stage) => KnowingStages.Contains(stage, StringComparer.Ordinal);

    /// <summary>
    /// True when the run's knowing stages have all delivered (<paramref name="delivered"/>: succeeded, or a gate that gave its
    /// verdict) and they give a user something (<see cref="Gives"/>): a run of intake and doing stages alone is never "usable"
    /// before it ends.
    /// </summary>
    public static bool IsUsable(IEnumerable<string> runStages, Func<string, bool> delivered)
    {
        var knowing = runStages.Where(IsKnowing).ToList();
        return Gives(knowing).Length > 0 && knowing.All(delivered);
    }

    /// <summary>What these knowing stages give a user, in words: "profile, graph, system card, safety verdict, search".</summary>
    public static string Gives(IEnumerable<string> stages) =>
        string.Join(", ", stages.Where(IsKnowing).OrderBy(s => KnowingStages.IndexOf(s)).SelectMany(s => s switch
        {
            "classifier" => ["profile"],
            "graph" => ["graph", "system card"],
            "safety" => ["safety verdict"],
            "embeddings" => new[] { "search" },
            _ => [],
        }).Distinct());

    private static int IndexOf(this IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == item)
                return i;
        return -1;
    }
}
