using System.Text;
using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>
/// "Build, run and test": for each folder the repository gives commands for, the best command per phase (install,
/// build, test, run, lint, setup) from the graph's tasks — what the README documents first, then Makefile and justfile
/// targets, package.json scripts, Procfiles and CI steps, and only then the build tool's convention (marked so) — with
/// where each is written. A command that names a file the source does not have is never offered (the gaps list it).
/// </summary>
internal static class BuildCommands
{
    public const int MaxAlternatives = 2;

    public static void Write(StringBuilder md, GraphIndex index, IReadOnlyList<CardApp> apps)
    {
        md.Append("## Build, run and test\n\n");
        var tasks = index.OfKind("task").Where(t => GraphIndex.Prop(t, "missing").Length == 0 && index.IsProduct(t.File ?? "")).ToList();
        if (tasks.Count == 0)
        {
            md.Append("The repository documents no build, run or test command (README, Makefile, package.json scripts, Procfile, CI), and no build tool the graph knows gives one by convention.\n\n");
        }
        else
        {
            var folders = tasks.GroupBy(t => Cwd(t)).OrderBy(g => g.Key == "." ? "" : g.Key, StringComparer.Ordinal).ToList();
            md.Append("The first command of each phase is the one the repository tells a person first (README, then Makefile, scripts, Procfile, CI); ");
            md.Append("`convention` marks a build tool's default where nothing is documented.\n\n");
            foreach (var folder in folders)
            {
                if (folders.Count > 1)
                {
                    var app = apps.FirstOrDefault(a => a.Root == folder.Key);
                    md.Append($"### In {Md.Code(folder.Key)}{(app is not null ? $" ({Md.Cell(app.Name)})" : "")}\n\n");
                }
                md.Append("| Phase | Command | From | Also |\n|---|---|---|---|\n");
                // A run command that starts one of the product's entry points goes before a prerequisite (`docker compose up db`).
                var starts = index.OfKind("entrypoint").Where(e => GraphIndex.Prop(e, "role") == "primary").Select(e => GraphIndex.Prop(e, "command"))
                    .ToHashSet(StringComparer.Ordinal);
                foreach (var phase in CommandPhase.Ordered)
                {
                    var ranked = folder.Where(t => GraphIndex.Prop(t, "phase") == phase).OrderBy(t => phase == CommandPhase.Run && starts.Contains(t.Name) ? 0 : 1)
                        .ThenBy(Rank).ThenBy(t => t.File, StringComparer.Ordinal).ThenBy(t => t.Range?.StartLine).ToList();
                    if (ranked.Count == 0)
                    {
                        continue;
                    }
                    var best = ranked[0];
                    var also = ranked.Skip(1).Take(MaxAlternatives).Select(t => $"{Md.Code(t.Name)} ({Source(t)})").ToList();
                    if (ranked.Count > MaxAlternatives + 1)
                    {
                        also.Add($"{Md.N(ranked.Count - MaxAlternatives - 1)} more");
                    }
                    md.Append($"| {phase} | {Md.CodeCell(best.Name)} | {Md.Cell(Source(best))} | {Md.Cell(also.Count == 0 ? "—" : string.Join("; ", also))} |\n");
                }
                md.Append('\n');
            }
        }
        var tests = index.Graph.Nodes.Where(GraphIndex.IsTest).ToList();
        if (tests.Count == 0)
        {
            md.Append("Tests: the graph has no test definitions.\n\n");
        }
        else
        {
            var languages = tests.GroupBy(n => n.Language ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {Md.N(g.Count())}");
            var files = tests.Select(t => t.File).Distinct().Count();
            md.Append($"Tests: {Md.Count(tests.Count, "test definition")} in {Md.Count(files, "file")} ({string.Join(", ", languages)}); ");
            md.Append($"{Md.Count(index.Graph.Edges.Count(e => e.Kind == "TESTS"), "TESTS edge")} to the code they call.\n\n");
        }
    }

    private static string Cwd(KgNode task) => GraphIndex.Prop(task, "cwd") is { Length: > 0 } cwd ? cwd : ".";

    private static int Rank(KgNode task) => int.TryParse(GraphIndex.Prop(task, "rank"), out var r) ? r : 99;

    private static string Source(KgNode task) =>
        GraphIndex.Prop(task, "source") == "convention" ? $"convention ({task.File})" : Md.Where(task.File, task.Range?.StartLine);
}
