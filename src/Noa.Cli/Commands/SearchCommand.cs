using System.CommandLine;
using Noa.Cli.Search;
using Noa.Embeddings.Search;

namespace Noa.Cli.Commands;

/// <summary><c>noa search "QUERY"</c>: ranked chunks of digested sources, by meaning and words (hybrid), meaning or words.</summary>
internal static class SearchCommand
{
    private static readonly Argument<string> Query = new("query") { Description = "What to find: a description of what the code does, or words in it" };
    private static readonly Option<int> K = new("--limit", "-k") { Description = $"How many results (1–{SearchQuery.MaxK})", DefaultValueFactory = _ => SearchArguments.DefaultK };
    private static readonly Option<SearchMode> Mode = new("--mode") { Description = "hybrid (default: meaning and words fused), vector (meaning) or text (words)" };
    private static readonly Option<string?> Source = new("--source") { Description = "Only this source (the key in embeddings.json, e.g. the folder or URL digested)" };
    private static readonly Option<string?> Run = new("--run") { Description = "Only chunks embedded by this run" };
    private static readonly Option<string?> Language = new("--language") { Description = "Only this language (python, go, markdown …)" };
    private static readonly Option<string?> PathPrefix = new("--path") { Description = "Only paths starting with this (e.g. src/)" };
    private static readonly Option<string?> Kind = new("--kind") { Description = "Only this kind (function, method, class, section, key, file …)" };
    private static readonly Option<string?> Scope = new("--scope")
    {
        Description = "Only this scope: product, test, docs, example (… or all, the default: every scope, code before tests and docs)",
    };
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON (the same as GET /search) instead of a table" };

    public static Command Create()
    {
        var command = new Command("search", "Search digested sources (what the embeddings stage stored).\n" + ExitCodes.Help)
        {
            Query, K, Mode, Source, Run, Language, PathPrefix, Kind, Scope, Json,
        };
        command.SetAction(RunAsync);
        return command;
    }

    /// <summary>Through Spectre.Console always: the fast path's output is compared with this one's.</summary>
    private static Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken) =>
        SearchRun.RunAsync(new SearchArguments(parse.GetValue(Query)!, GlobalOptions.From(parse))
        {
            K = parse.GetValue(K), Mode = parse.GetValue(Mode), Source = parse.GetValue(Source), Run = parse.GetValue(Run),
            Language = parse.GetValue(Language), PathPrefix = parse.GetValue(PathPrefix), Kind = parse.GetValue(Kind),
            Scope = parse.GetValue(Scope), Json = parse.GetValue(Json),
        }, plain: false, cancellationToken);
}
