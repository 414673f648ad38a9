using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Spectre.Console;

namespace Noa.Cli.Commands;

/// <summary><c>noa catalog</c>: the published runs of the metadata store's catalogue, with the filters of <c>GET /catalog</c>.</summary>
internal static class CatalogCommand
{
    private static readonly Option<string?> Language = new("--language") { Description = "Only sources with this language (any case)" };
    private static readonly Option<string?> Framework = new("--framework") { Description = "Only sources with this framework (any case)" };
    private static readonly Option<string?> License = new("--license") { Description = "Only sources under this SPDX licence id (any case)" };
    private static readonly Option<string?> Verdict = new("--verdict") { Description = "Only runs with this safety verdict: pass, warn or fail" };
    private static readonly Option<string?> Source = new("--source") { Description = "Only this source: its locator, or its short name as in the bundle repository (e.g. github-com-owner-repo)" };
    private static readonly Option<int> Limit = new("--limit") { Description = $"At most this many rows (1–{CatalogQuery.MaxLimit})", DefaultValueFactory = _ => 50 };
    private static readonly Option<string?> Cursor = new("--cursor") { Description = "Continue after the page that printed this cursor ('next')" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON (as GET /catalog answers) instead of a table" };

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static Command Create()
    {
        var command = new Command("catalog", "List published runs (the Registrar's catalogue), newest first.\n" + ExitCodes.Help)
        {
            Language, Framework, License, Verdict, Source, Limit, Cursor, Json,
        };
        command.SetAction(ListAsync);
        return command;
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        CatalogCursor? after = null;
        var cursor = parse.GetValue(Cursor);
        var query = new CatalogQuery(null, parse.GetValue(Language), parse.GetValue(Framework), parse.GetValue(License),
            parse.GetValue(Verdict)?.ToLowerInvariant(), parse.GetValue(Source), parse.GetValue(Limit));
        var errors = query.Validate().Select(e => $"--{e.Key} {e.Value}").ToList();
        if (cursor is not null && !CatalogCursor.TryParse(cursor, out after))
            errors.Add("--cursor is not a cursor noa printed; pass the 'next' of the previous page unchanged");
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                await System.Console.Error.WriteLineAsync($"noa: {error}");
            return ExitCodes.BadInput;
        }
        using var host = NoaHostFactory.Build("metadata", GlobalOptions.From(parse));
        var page = await host.Services.GetRequiredService<ICatalog>().ListAsync(query with { After = after }, cancellationToken);
        if (parse.GetValue(Json))
        {
            System.Console.WriteLine(JsonSerializer.Serialize(new { entries = page.Entries, next = page.Next?.ToString() }, JsonOptions));
            return ExitCodes.Success;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("created", "source", "commit", "languages", "frameworks", "licences", "verdict", "bundle");
        foreach (var e in page.Entries)
        {
            table.AddRow(e.CreatedAt.ToString("u"), Markup.Escape(e.SourceName), Markup.Escape(e.Commit is { Length: > 12 } c ? c[..12] : e.Commit ?? ""),
                Markup.Escape(string.Join(", ", e.Languages.Take(3))), Markup.Escape(string.Join(", ", e.Frameworks.Take(3))),
                Markup.Escape(string.Join(", ", e.Licenses)), Markup.Escape(e.Verdict ?? "—"), Markup.Escape($"{e.Reference} {e.Digest[..Math.Min(19, e.Digest.Length)]}…"));
        }
        AnsiConsole.Write(table);
        if (page.Next is { } next)
            AnsiConsole.MarkupLine($"[grey]more: noa catalog --cursor {Markup.Escape(next.ToString())}[/] (with the same filters)");
        return ExitCodes.Success;
    }
}
