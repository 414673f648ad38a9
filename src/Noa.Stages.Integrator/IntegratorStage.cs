using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Stages.Integrator.Changes;
using Noa.Stages.Integrator.Derived;
using Noa.Stages.Integrator.Go;
using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Naming;
using Noa.Stages.Integrator.Output;
using Noa.Stages.Integrator.Policy;
using Noa.Stages.Integrator.Python;
using Noa.Stages.Integrator.Sources;
using Noa.Stages.Integrator.TypeScript;
using Noa.Yaml;

namespace Noa.Stages.Integrator;

/// <summary>
/// The Integrator stage: reads the OpenAPI documents of the source (the source itself when it is one, or the specs a
/// repository holds) into the API model and writes an SDK per API under <c>sdk/</c> (<c>sdk/python</c>, <c>sdk/typescript</c>, <c>sdk/go</c>, or
/// <c>sdk/NAME/LANGUAGE</c> when a repository holds several APIs), with <c>sdk/report.json</c> listing every problem met.
/// A spec that cannot be read is reported and the others still generate.
/// </summary>
/// <remarks>With a run store and an artifact store (as in every host), an earlier digest of the same source is found and the API's
/// changes since then are written (<c>sdk/changes.json</c>, <c>sdk/CHANGELOG.md</c>) and the SDK version bumped by them.</remarks>
/// <param name="options">The stage's options.</param>
/// <param name="logger">The stage's logger.</param>
/// <param name="runs">Where earlier runs of the source are found; none skips the changelog.</param>
/// <param name="store">Where their artifacts are read.</param>
public sealed partial class IntegratorStage(IOptions<IntegratorOptions> options, ILogger<IntegratorStage> logger, IRunStore? runs = null, IArtifactStore? store = null) : IStage
{
    /// <summary>The stage name.</summary>
    public const string StageName = "integrator";

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public IReadOnlyList<StageDependency> Dependencies => StageCatalogue.Integrator.Dependencies;

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        if (context.Source is not { } source)
            return StageOutcome.BadInput("The integrator stage needs the source snapshot written by intake; the run has none.");
        var o = options.Value;
        var filter = new OperationFilter(o.Include, o.Exclude);
        var specs = await SpecFinder.FindAsync(source, o.MaxSpecBytes, cancellationToken).ConfigureAwait(false);
        var inputs = new List<(string Path, string Text, IReadOnlyList<string> Problems)>();
        foreach (var spec in specs)
        {
            await using var stream = await source.OpenReadAsync(spec, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            inputs.Add((spec.Path, await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), []));
        }
        string? derivedNote = null;
        if (specs.Count == 0)
        {
            var (derived, why) = await DerivedSpec.WriteAsync(context, cancellationToken).ConfigureAwait(false);
            if (derived is { } d)
                inputs.Add(d);
            derivedNote = why;
        }
        var apis = new List<IntegratorReport.Api>();
        var refused = new List<string>();
        var folders = new Identifiers(new HashSet<string> { "report.json", "openapi.json", "api.json", "changes.json", "CHANGELOG.md", "policy" }, "api");
        var previous = new PreviousDigest(runs, store);
        var limits = YamlLimits.Default with { MaxChars = o.MaxSpecBytes };
        var read = new List<(string Path, SpecLoader.Loaded Loaded, IReadOnlyList<string> Problems, IReadOnlyCollection<string> Reads)>();
        foreach (var (specPath, text, specProblems) in inputs)
        {
            // A derived spec is not in the source tree; a found one reads the files its $refs name, from its own folder.
            var bundler = specs.Any(s => s.Path == specPath) ? new SpecBundler(source, specPath, o.MaxSpecBytes, o.MaxRefFiles, o.MaxRefNodes, limits) : null;
            var loaded = await SpecLoader.LoadAsync(text, specPath, limits, cancellationToken, bundler).ConfigureAwait(false);
            read.Add((specPath, loaded, specProblems, bundler?.FilesRead ?? []));
        }
        var parts = Parts(read.Select(r => (r.Path, r.Reads)).ToList());
        var kept = read.Where(r => !parts.Contains(r.Path)).ToList();
        foreach (var (specPath, loaded, specProblems, _) in kept)
        {
            if (loaded.Document is null)
            {
                Log.SpecRefused(logger, context.RunId, specPath, string.Join("; ", loaded.Errors));
                refused.Add($"{specPath}: {string.Join("; ", loaded.Errors)}");
                continue;
            }
            var model = OpenApiModelReader.Read(loaded.Document, filter.IsEmpty ? null : filter);
            model.Problems.InsertRange(0, loaded.Errors.Concat(specProblems));
            var folder = kept.Count == 1 ? "sdk" : $"sdk/{folders.For(specPath, NameWords.Snake(Path.GetFileNameWithoutExtension(specPath) + " " + model.Title))}";
            var history = await ApiHistory.RecordAsync(context, previous, folder, model, cancellationToken).ConfigureAwait(false);
            var sdks = new List<IntegratorReport.Sdk>();
            foreach (var (language, generate) in Generators(o))
            {
                var files = generate(model);
                await WriteAsync(context, $"{folder}/{language}", files, cancellationToken).ConfigureAwait(false);
                sdks.Add(new(language, $"{folder}/{language}", files.Count, files.Sum(f => f.Content.Count(c => c == '\n'))));
            }
            await WriteAsync(context, $"{folder}/{RegoPolicy.Folder}", RegoPolicy.Generate(model), cancellationToken).ConfigureAwait(false);
            apis.Add(new IntegratorReport.Api(specPath, model.Title, model.Version, model.Operations.Count, model.Schemas.Count, sdks, model.Problems) { Derived = model.Derived, PreviousRun = history.PreviousRun, Change = history.Level, ChangeCount = history.PreviousRun is null ? null : history.Changes });
            Log.Generated(logger, context.RunId, specPath, model.Operations.Count, model.Schemas.Count, model.Problems.Count);
        }

        var note = inputs.Count == 0
            ? derivedNote
            : apis.Count == 0 ? "no OpenAPI document could be read: " + string.Join(" | ", refused) : null;
        var report = new IntegratorReport { Apis = apis, Note = note };
        using (var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(report, IntegratorReport.Json)))
            await context.Artifacts.WriteAsync(IntegratorReport.BundlePath, json, "application/json", cancellationToken).ConfigureAwait(false);

        if (inputs.Count > 0 && apis.Count == 0)
            return StageOutcome.BadInput(note!);
        var problems = apis.Sum(a => a.Problems.Count) + refused.Count;
        return StageOutcome.Success(apis.Count == 0
            ? note
            : $"{apis.Count} API(s), {apis.Sum(a => a.Operations):N0} operations → SDKs ({string.Join(", ", Generators(o).Select(g => g.Language))}){(problems > 0 ? $"; {problems:N0} problems in sdk/report.json" : "")}");
    }

    /// <summary>
    /// The specs another spec reads through its <c>$ref</c>s: parts of that one (a split spec's files often declare
    /// <c>openapi</c> themselves), not APIs of their own. The spec reading the most files goes first, so of two that read
    /// each other one is kept.
    /// </summary>
    private static HashSet<string> Parts(List<(string Path, IReadOnlyCollection<string> Reads)> specs)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, reads) in specs.OrderByDescending(s => s.Reads.Count).ThenBy(s => s.Path, StringComparer.Ordinal))
            if (!parts.Contains(path))
                parts.UnionWith(reads.Where(r => r != path));
        return parts;
    }

    /// <summary>The SDK generators, each writing <c>sdk/LANGUAGE</c> from the same model.</summary>
    private static (string Language, Func<ApiModel, IReadOnlyList<GeneratedFile>> Generate)[] Generators(IntegratorOptions o) =>
    [
        (PythonGenerator.Language, PythonGenerator.Generate),
        (TypeScriptGenerator.Language, TypeScriptGenerator.Generate),
        (GoGenerator.Language, model => GoGenerator.Generate(model, o.GoModulePrefix)),
    ];

    private static async Task WriteAsync(StageContext context, string folder, IReadOnlyList<GeneratedFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(file.Content));
            await context.Artifacts.WriteAsync($"{folder}/{file.Path}", content, MediaType(file.Path), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string MediaType(string path) => Path.GetExtension(path) switch
    {
        ".md" => "text/markdown",
        ".py" => "text/x-python",
        ".ts" => "text/x-typescript",
        ".go" => "text/x-go",
        ".toml" => "application/toml",
        ".json" => "application/json",
        ".rego" => "text/plain",
        _ => "text/plain",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Generated, Level = LogLevel.Information, Message = "Run {RunId}: SDK generated from {Spec}: {Operations} operations, {Schemas} schemas, {Problems} problems")]
        public static partial void Generated(ILogger logger, string runId, string spec, int operations, int schemas, int problems);

        [LoggerMessage(EventId = LogEvents.SpecRefused, Level = LogLevel.Warning, Message = "Run {RunId}: the OpenAPI document {Spec} cannot be read: {Reason}")]
        public static partial void SpecRefused(ILogger logger, string runId, string spec, string reason);
    }
}
