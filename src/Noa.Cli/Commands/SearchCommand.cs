using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Noa.Abstractions;
using Noa.Cli.Search;
using Noa.Embeddings.Search;
using Noa.Hosting;
using Spectre.Console;

namespace Noa.Cli.Commands;

/// <summary><c>noa search "QUERY"</c>: ranked chunks of digested sources, by meaning and words (hybrid), meaning or words.</summary>
internal static class SearchCommand
{
    private static readonly Argument<string> Query = new("query") { Description = "What to find: a description of what the code does, or words in it" };
    private static readonly Option<int> K = new("--limit", "-k") { Description = $"How many results (1–{SearchQuery.MaxK})", DefaultValueFactory = _ => 10 };
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

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // code reads as code in a terminal
    };

    public static Command Create()
    {
        var command = new Command("search", "Search digested sources (what the embeddings stage stored).\n" + ExitCodes.Help)
        {
            Query, K, Mode, Source, Run, Language, PathPrefix, Kind, Scope, Json,
        };
        command.SetAction(RunAsync);
        return command;
    }

    // A local folder is stored under its absolute path (as `noa digest` records it): `--source .` means this folder.
    private static string? SourceKey(string? source) =>
        source is not null && !source.Contains("://", StringComparison.Ordinal) && (Directory.Exists(source) || File.Exists(source))
            ? Path.GetFullPath(source)
            : source;

    /// <summary>
    /// The answer of the resident search process (started when none runs; <see cref="ResidentSearchSettings"/>), else of
    /// this process's own host; null after printing what is wrong with the settings.
    /// </summary>
    private static async Task<SearchAnswer?> AnswerAsync(SearchQuery query, GlobalOptions global, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationManager();
        NoaHostFactory.Configure(configuration, global, null);
        var (settings, errors) = ResidentSearchSettings.From(configuration);
        if (settings is null)
        {
            await System.Console.Error.WriteLineAsync($"noa: {string.Join("; ", errors)}");
            return null;
        }
        if (settings.Enabled && !OperatingSystem.IsWindows())
        {
            var home = NoaHome.From(configuration).Root;
            var request = new ResidentSearchRequest(ResidentSearchProtocol.Build(), ResidentSearchProtocol.Settings(configuration), query);
            if (await ResidentSearchClient.TryAskAsync(home, global, request, cancellationToken) is { } resident)
            {
                if (global.Verbose)
                    await System.Console.Error.WriteLineAsync($"noa: answered by the resident search process ({ResidentSearchProtocol.Socket(home)})");
                return resident;
            }
            if (global.Verbose)
                await System.Console.Error.WriteLineAsync($"noa: searching in this process (no resident search process answered; see {ResidentSearchProtocol.Log(home)})");
        }
        using var host = NoaHostFactory.Build(LocalSearch.Targets, global);
        return await LocalSearch.AnswerAsync(host.Services, query, cancellationToken);
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var scopeName = parse.GetValue(Scope);
        SearchScopes.TryParse(scopeName, out var scope);
        var query = new SearchQuery(parse.GetValue(Query)!, parse.GetValue(K), parse.GetValue(Mode), new VectorFilter
        {
            Source = SourceKey(parse.GetValue(Source)), Run = parse.GetValue(Run), Language = parse.GetValue(Language),
            PathPrefix = parse.GetValue(PathPrefix), Kind = parse.GetValue(Kind), Scope = scope,
        });
        var errors = query.Validate().ToList();
        if (!SearchScopes.TryParse(scopeName, out _))
            errors.Add(SearchScopes.Error(scopeName!));
        if (errors.Count > 0)
        {
            await System.Console.Error.WriteLineAsync($"noa: {string.Join("; ", errors)}");
            return ExitCodes.BadInput;
        }
        var answer = await AnswerAsync(query, GlobalOptions.From(parse), cancellationToken);
        if (answer is null)
            return ExitCodes.BadInput;
        var (results, pending) = (answer.Results, answer.Pending);
        if (parse.GetValue(Json))
        {
            System.Console.WriteLine(JsonSerializer.Serialize(new { query = query.Text, mode = query.Mode, results, pending }, JsonOptions));
            return ExitCodes.Success;
        }
        foreach (var note in pending)
            await System.Console.Error.WriteLineAsync($"noa: not searchable yet: {note}");
        if (results.Count == 0)
        {
            await System.Console.Error.WriteLineAsync("noa: nothing found; digest a source first ('noa digest PATH'), or loosen the filters");
            return ExitCodes.Success;
        }
        foreach (var r in results)
        {
            AnsiConsole.MarkupLine($"[bold]{r.Rank,2}.[/] [green]{Markup.Escape(r.Path)}:{r.StartLine}-{r.EndLine}[/] " +
                $"[yellow]{Markup.Escape(r.Symbol)}[/] [grey]{Markup.Escape(r.Kind)} · {Markup.Escape(r.Language)}{(r.Scope is "" or "product" ? "" : " · " + Markup.Escape(r.Scope))} · score {r.Score:0.####} · {Markup.Escape(r.Source)}[/]");
            foreach (var line in r.Snippet.Split('\n').Take(4))
                AnsiConsole.MarkupLine($"     [grey]│[/] {Markup.Escape(line.Length > 140 ? line[..140] + "…" : line)}");
        }
        return ExitCodes.Success;
    }
}
