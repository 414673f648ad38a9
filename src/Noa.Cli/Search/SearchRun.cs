using System.Text.Json;
using System.Text.Json.Serialization;
using Noa.Abstractions;
using Noa.Embeddings.Search;
using Noa.Hosting;

namespace Noa.Cli.Search;

/// <summary>
/// <c>noa search</c> once its command line is read (by either reader): validates the query, gets the answer of the resident
/// search process or of this process's own host, and prints it (<see cref="SearchOutput"/>).
/// </summary>
internal static class SearchRun
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // code reads as code in a terminal
    };

    /// <param name="arguments">What was asked.</param>
    /// <param name="plain">Whether lines that read the same without Spectre.Console may skip it (<see cref="SearchOutput"/>).</param>
    /// <param name="cancellationToken">Stops the search.</param>
    public static async Task<int> RunAsync(SearchArguments arguments, bool plain, CancellationToken cancellationToken)
    {
        SearchScopes.TryParse(arguments.Scope, out var scope);
        var query = new SearchQuery(arguments.Query, arguments.K, arguments.Mode, new VectorFilter
        {
            Source = SourceKey(arguments.Source), Run = arguments.Run, Language = arguments.Language,
            PathPrefix = arguments.PathPrefix, Kind = arguments.Kind, Scope = scope,
        });
        var errors = query.Validate().ToList();
        if (!SearchScopes.TryParse(arguments.Scope, out _))
            errors.Add(SearchScopes.Error(arguments.Scope!));
        if (errors.Count > 0)
        {
            await System.Console.Error.WriteLineAsync($"noa: {string.Join("; ", errors)}");
            return ExitCodes.BadInput;
        }
        var answer = await AnswerAsync(query, arguments.Global, cancellationToken);
        if (answer is null)
            return ExitCodes.BadInput;
        var (results, pending) = (answer.Results, answer.Pending);
        if (arguments.Json)
        {
            System.Console.WriteLine(JsonSerializer.Serialize(new { query = query.Text, mode = query.Mode, results, pending }, JsonOptions));
            return ExitCodes.Success;
        }
        foreach (var note in pending)
            await System.Console.Error.WriteLineAsync($"noa: {note}");
        if (results.Count == 0)
        {
            await System.Console.Error.WriteLineAsync("noa: nothing found; digest a source first ('noa digest PATH'), or loosen the filters");
            return ExitCodes.Success;
        }
        SearchOutput.Print(results, plain);
        return ExitCodes.Success;
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
        var configuration = CliSettings.Read(global);
        var (settings, errors) = ResidentSearchSettings.From(configuration);
        if (settings is null)
        {
            await System.Console.Error.WriteLineAsync($"noa: {string.Join("; ", errors)}");
            return null;
        }
        if (settings.Enabled && !OperatingSystem.IsWindows())
        {
            var home = NoaHome.From(configuration["Noa:Home"]).Root;
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
}
