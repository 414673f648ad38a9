using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Abstractions.Env;
using Noa.Abstractions.Graph;
using Noa.Abstractions.Profiles;
using Noa.Stages.Env.Checks;
using Noa.Stages.Env.Facts;
using Noa.Stages.Env.Files;
using Noa.Stages.Env.Planning;
using Noa.Stages.Env.Verify;

namespace Noa.Stages.Env;

/// <summary>
/// The Env Synthesis stage: plans every app of the profile from what the Classifier and Graph Extract decided (<c>env/plan.json</c>,
/// each decision with its rule, evidence and confidence), renders the files from the plan (per app <c>env/apps/NAME/Dockerfile</c>,
/// and <c>env/.dockerignore</c>, <c>compose.yaml</c>, <c>k8s/</c>, <c>.env.example</c>, <c>Makefile</c>, <c>config.schema.json</c>),
/// checks them (<c>env/checks.json</c>) and, where the process has the Capsule, builds and starts them (<c>env/verify.json</c>).
/// </summary>
internal sealed partial class EnvStage(IOptions<EnvOptions> options, ImageVerifier verifier, ILogger<EnvStage> logger) : IStage
{
    /// <summary>The stage name.</summary>
    public const string StageName = "env";

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public IReadOnlyList<StageDependency> Dependencies => StageCatalogue.Env.Dependencies;

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        if (context.Source is not { } source)
            return StageOutcome.BadInput("The env stage needs the source snapshot written by intake; the run has none.");
        Profile? profile;
        KnowledgeGraph? graph;
        FileList? fileList;
        ImagesLock? images;
        try
        {
            profile = await Profile.ReadAsync(context.Artifacts, cancellationToken).ConfigureAwait(false);
            fileList = await FileList.ReadAsync(context.Artifacts, cancellationToken).ConfigureAwait(false);
            graph = await GraphFacts.ReadAsync(context.Artifacts, cancellationToken).ConfigureAwait(false);
            if (profile is null || graph is null)
                return StageOutcome.BadInput($"The env stage needs {Profile.BundlePath} (classifier) and {KnowledgeGraph.BundlePath} (graph); the run has {(profile is null ? "no " + Profile.BundlePath : "no " + KnowledgeGraph.BundlePath)}.");
            images = options.Value.ImagesLock is { } lockPath && File.Exists(lockPath) ? ImagesLock.Read(lockPath) : null;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            return StageOutcome.BadInput(e.Message);
        }

        var files = new SourceText(source);
        var planned = await Planner.PlanAsync(profile, graph, fileList, files, images,
            options.Value.Registries ?? PackageRegistries.FromHost(), cancellationToken).ConfigureAwait(false);
        var facts = GraphFacts.ByApp(graph, profile.Apps);
        var tests = MakefileWriter.Tests(planned, facts);
        planned = [.. planned.Select(p => LibraryCommand(p, tests))];
        var rendered = Render(planned, tests);
        var findings = rendered.Where(f => f.Key.EndsWith("/Dockerfile", StringComparison.Ordinal))
            .SelectMany(f => DockerfileLint.Check(f.Key, f.Value, planned.First(p => f.Key == $"env/apps/{DockerfileWriter.Folder(p.Plan)}/Dockerfile").Plan.Server)).ToList();
        planned = [.. planned.Select(p => p with { Plan = p.Plan with { Files = [.. rendered.Keys.Where(k => k.StartsWith($"env/apps/{DockerfileWriter.Folder(p.Plan)}/", StringComparison.Ordinal))] } })];

        var servers = planned.Count(p => p.Plan.Server && p.Plan.Toolchain is not null);
        var plan = new EnvPlan
        {
            Rules = Planner.Rules,
            Apps = [.. planned.Select(p => p.Plan)],
            Note = profile.Apps.Count == 0 ? "no app in the profile: nothing to build or run"
                : servers == 0 ? "nothing deployable as a server: the apps are libraries or command-line tools; their Dockerfiles run the command or the tests" : null,
        };
        foreach (var (path, content) in rendered)
            await WriteAsync(context, path, content, cancellationToken).ConfigureAwait(false);
        await WriteAsync(context, EnvPlan.BundlePath, JsonSerializer.Serialize(plan, EnvPlan.Json) + "\n", cancellationToken).ConfigureAwait(false);
        await WriteAsync(context, "env/checks.json", JsonSerializer.Serialize(new { version = 1, dockerfileRules = "hadolint DL3000 DL3002 DL3006 DL3007 DL3009 DL3015 DL3020 DL3025 DL3042 DL4000; NOA001 HEALTHCHECK, NOA002 digest pin", findings }, EnvPlan.Json) + "\n", cancellationToken).ConfigureAwait(false);
        Log.Planned(logger, context.RunId, planned.Count, servers, rendered.Count, findings.Count);

        var report = await VerifyAsync(context, source, planned, rendered, cancellationToken).ConfigureAwait(false);
        report = report with { Static = StaticChecks.Check(rendered, plan.Apps) };
        await WriteAsync(context, VerifyReport.BundlePath, JsonSerializer.Serialize(report, EnvPlan.Json) + "\n", cancellationToken).ConfigureAwait(false);

        var undecided = planned.Sum(p => new[] { p.Plan.Start, p.Plan.Port }.Count(d => p.Plan.Server && !d.IsDecided));
        var failed = report.Static.Count(c => !c.Passed);
        var verified = (failed > 0 ? $"{failed} static check(s) failed; " : "") + (report.NotVerified is not null ? "not verified: " + report.NotVerified
            : $"{report.Apps.Count(a => a.Built)}/{report.Apps.Count} built, {report.Apps.Count(a => a.Answered == true)}/{report.Apps.Count(a => a.Started is not null)} answered");
        return StageOutcome.Success($"{planned.Count} app(s), {servers} server(s), {rendered.Count} files; {undecided} undecided start/port; {verified}");
    }

    private async Task<VerifyReport> VerifyAsync(StageContext context, ISourceTree source, IReadOnlyList<PlannedApp> planned,
        IReadOnlyDictionary<string, string> rendered, CancellationToken cancellationToken)
    {
        var candidates = planned.Where(p => rendered.ContainsKey($"env/apps/{DockerfileWriter.Folder(p.Plan)}/Dockerfile"))
            .OrderByDescending(p => p.Plan.Server).ThenBy(p => p.Plan.Root, StringComparer.Ordinal).Take(options.Value.MaxVerified).ToList();
        if (verifier.Unavailable() is { } why)
        {
            Log.NotVerified(logger, context.RunId, why);
            return new VerifyReport { NotVerified = why };
        }
        if (candidates.Count == 0)
            return new VerifyReport { NotVerified = "no Dockerfile was written (no app with a supported toolchain)" };
        var build = Path.Combine(context.Workspace, "env-context");
        await BuildContext.CreateAsync(source, build, rendered, cancellationToken).ConfigureAwait(false);
        var apps = new List<VerifyReport.App>();
        foreach (var app in candidates)
        {
            context.Progress.Report(new StageProgress(apps.Count, candidates.Count, "apps", $"building {app.Plan.Name}"));
            var dockerfile = Path.Combine(build, "env", "apps", DockerfileWriter.Folder(app.Plan), "Dockerfile");
            var result = await verifier.VerifyAsync(app, build, dockerfile, context.RunId, context.Artifacts, cancellationToken).ConfigureAwait(false);
            Log.Verified(logger, context.RunId, app.Plan.Name, result.Built, result.Answered, result.Reason);
            apps.Add(result);
        }
        return new VerifyReport { Apps = apps };
    }

    private static Dictionary<string, string> Render(IReadOnlyList<PlannedApp> planned, IReadOnlyDictionary<string, string> tests)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var app in planned)
        {
            var folder = $"env/apps/{DockerfileWriter.Folder(app.Plan)}";
            if (DockerfileWriter.Write(app) is { } dockerfile)
                files[$"{folder}/Dockerfile"] = dockerfile;
            if (app.Recipe.Written is { } written)
                files[$"{folder}/{written.Name}"] = written.Content;
            if (KubernetesWriter.Write(app) is { } k8s)
                files[$"env/k8s/{DockerfileWriter.Folder(app.Plan)}.yaml"] = k8s;
        }
        if (files.Count > 0)
        {
            files[DockerfileWriter.EntrypointPath] = DockerfileWriter.Entrypoint;
            if (planned.Any(p => p.Plan.Install.Rule == DebianPython.Rule))
                files[DebianPython.ScriptPath] = DebianPython.Text();
            foreach (var source in planned.Where(p => p.Plan.Install.Rule == DebianSource.Rule).Select(p => DebianSource.Of(p.Plan.Toolchain)).OfType<DebianSource>().Distinct())
                foreach (var (path, text) in source.Files())
                    files[path] = text;
            files["env/.dockerignore"] = DockerIgnore.For(planned);
            files["env/Makefile"] = MakefileWriter.Write(planned, tests);
        }
        if (ComposeWriter.Write(planned) is { } compose)
            files["env/compose.yaml"] = compose;
        files["env/.env.example"] = EnvExampleWriter.Write(planned);
        files["env/config.schema.json"] = ConfigSchemaWriter.Write(planned);
        return new Dictionary<string, string>(files, StringComparer.Ordinal);
    }

    /// <summary>A library or CLI without a start command runs its tests (the graph's test task), so its image still does something checkable.</summary>
    private static PlannedApp LibraryCommand(PlannedApp app, IReadOnlyDictionary<string, string> tests) =>
        !app.Plan.Server && !app.Plan.Start.IsDecided && tests.TryGetValue(app.Plan.Root, out var test)
            ? app with { Plan = app.Plan with { Start = new Decision(test, "start.tests: not a server and no start command; the image runs the tests", 0.5, []) } }
            : app;

    private static async Task WriteAsync(StageContext context, string path, string content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        await context.Artifacts.WriteAsync(path, stream, MediaType(path), cancellationToken).ConfigureAwait(false);
    }

    private static string MediaType(string path) => Path.GetExtension(path) switch
    {
        ".json" => "application/json",
        ".yaml" => "application/yaml",
        ".sh" => "text/x-shellscript",
        _ => "text/plain",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Planned, Level = LogLevel.Information, Message = "Run {RunId}: env planned {Apps} app(s), {Servers} server(s), {Files} files, {Findings} lint findings")]
        public static partial void Planned(ILogger logger, string runId, int apps, int servers, int files, int findings);

        [LoggerMessage(EventId = LogEvents.Verified, Level = LogLevel.Information, Message = "Run {RunId}: env verified {App}: built {Built}, answered {Answered} {Reason}")]
        public static partial void Verified(ILogger logger, string runId, string app, bool built, bool? answered, string? reason);

        [LoggerMessage(EventId = LogEvents.NotVerified, Level = LogLevel.Information, Message = "Run {RunId}: env files not verified: {Reason}")]
        public static partial void NotVerified(ILogger logger, string runId, string reason);
    }
}
