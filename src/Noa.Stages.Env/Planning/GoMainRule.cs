using System.Text.RegularExpressions;
using Noa.Abstractions.Graph;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// Which <c>package main</c> of a Go module is the app: a repository holds several (alertmanager: <c>cmd/alertmanager</c>,
/// <c>cmd/amtool</c>, the code generator <c>asset/</c>, <c>examples/webhook</c>; etcd: the root <c>main.go</c>, <c>etcdctl</c>,
/// <c>contrib/raftexample</c>). In order: the module's root or <c>cmd/NAME</c> where NAME is the module path's last element (its
/// <c>/vN</c> dropped); another <c>cmd/…</c>; any other folder; last, folders that are not the app by their name (examples,
/// contrib, generators, tools, tests), which are dropped from the app's entries when a better main exists, so neither the build
/// nor the port rules read them. The graph's primary role breaks ties. Go's own layout convention, read from the folder names
/// and go.mod, not from one repository.
/// </summary>
internal static partial class GoMainRule
{
    /// <summary>Orders the app's Go main entries as above (the chosen one first) and drops the non-app ones when another exists;
    /// returns why the first was chosen, or null when there was nothing to choose.</summary>
    public static async Task<string?> ApplyAsync(string root, AppFacts facts, SourceText files, CancellationToken ct)
    {
        var mains = facts.Entries.Where(e => GraphFacts.Prop(e, "kind") == "go-main" && e.File is not null).ToList();
        if (mains.Count < 2)
            return null;
        var name = await GoSource.ModulePathAsync(root, files, ct).ConfigureAwait(false) is { } module ? LastElement(module) : null;
        var ranked = mains.Select((e, i) => (Entry: e, Rank: Rank(Folder(e.File!, root), name), Primary: GraphFacts.Prop(e, "role") == "primary" ? 0 : 1, Index: i))
            .OrderBy(r => r.Rank).ThenBy(r => r.Primary).ThenBy(r => r.Index).ToList();
        var kept = ranked[0].Rank < NotTheApp ? ranked.Where(r => r.Rank < NotTheApp).ToList() : ranked;
        facts.Entries.RemoveAll(e => GraphFacts.Prop(e, "kind") == "go-main" && e.File is not null);
        facts.Entries.InsertRange(0, kept.Select(r => r.Entry));
        var first = ranked[0];
        var folder = Folder(first.Entry.File!, root);
        var shown = folder.Length == 0 ? "the module's root" : folder;
        var why = first.Rank switch
        {
            0 when folder.Length == 0 => "the module's root package main",
            0 => $"cmd/ folder named as the module ({name})",
            1 => "a cmd/ folder",
            _ => "the first package main by the graph's role",
        };
        var dropped = ranked.Count - kept.Count;
        return $"go.main: {shown} of {mains.Count} main packages ({why})" + (dropped > 0 ? $"; {dropped} in example, contrib, generator or test folders left out" : "");
    }

    private const int NotTheApp = 3;

    private static int Rank(string folder, string? name)
    {
        if (folder.Length == 0 || (name is not null && folder == $"cmd/{name}"))
            return 0;
        if (folder.Split('/').Any(s => NotApp().IsMatch(s)))
            return NotTheApp;
        return folder.StartsWith("cmd/", StringComparison.Ordinal) ? 1 : 2;
    }

    private static string Folder(string file, string root)
    {
        var relative = CommandRules.Relative(file, root);
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "" : relative[..slash];
    }

    private static string LastElement(string module)
    {
        var parts = module.Split('/');
        return parts.Length > 1 && MajorVersion().IsMatch(parts[^1]) ? parts[^2] : parts[^1];
    }

    [GeneratedRegex(@"^v\d+$")]
    private static partial Regex MajorVersion();

    // Folder names that hold programs other than the app: examples, contributed extras, code generators and build tools, tests.
    [GeneratedRegex(@"^(?:_?examples?|contrib|demos?|samples?|assets?|gen|generate|generators?|tools|hack|scripts|test|tests|testdata|testing|e2e|integration|functional|bench|benchmarks?|docs?)$")]
    private static partial Regex NotApp();
}
