using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Abstractions.Env;
using Noa.Abstractions.Profiles;
using Noa.Credentials;
using Noa.OpenAi;
using Noa.Stages.Runner.Execution;
using Noa.Stages.Runner.Planning;
using Noa.Stages.Runner.Repair;
using Noa.Stages.Runner.Reporting;
using Noa.Stages.Runner.Results;
using Noa.Stages.Runner.Smoke;

namespace Noa.Stages.Runner;

/// <summary>
/// The Runner stage: plans install, build and test steps from what the repository says (kg.json's tasks, with file and line)
/// and the build tools' conventions, runs each in a capsule (the host's toolchains read-only, the workspace the only writable
/// place, no network unless the egress policy allows the registries, CPU/memory/process/time/output limits), reads per-test
/// results from the reports and output the tools write, reruns failures once to flag flaky tests, and writes smoke tests when
/// the source has none it can run. Writes <c>runner.json</c>, <c>demo.md</c> and <c>runner/smoke/…</c>. A step ended by a
/// limit is reported with the limit named; the stage itself never hangs the run.
/// </summary>
public sealed partial class RunnerStage : IStage
{
    /// <summary>The stage name.</summary>
    public const string StageName = "runner";

    /// <summary>The name of the repair model's client in <see cref="IHttpClientFactory"/>.</summary>
    public const string RepairClient = "noa-runner-repair";

    private readonly ICapsules? _capsules;
    private readonly IImageBuilder? _images;
    private readonly RunnerOptions _options;
    private readonly ILogger<RunnerStage> _logger;
    private readonly IHttpClientFactory? _http;

    /// <summary>Creates the stage; without <paramref name="capsules"/> (no capsules module) it plans and reports but runs nothing; without
    /// <paramref name="images"/> every step runs on the host's toolchains. The repair model is called through <paramref name="http"/>'s
    /// <see cref="RepairClient"/>, else a plain client.</summary>
    public RunnerStage(IOptions<RunnerOptions> options, ILogger<RunnerStage> logger, ICapsules? capsules = null, IImageBuilder? images = null,
        IHttpClientFactory? http = null)
        => (_options, _logger, _capsules, _images, _http) = (options.Value, logger, capsules, images, http);

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public IReadOnlyList<StageDependency> Dependencies => StageCatalogue.Runner.Dependencies;

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        if (context.Source is not { } source)
            return StageOutcome.BadInput("The runner stage needs the source snapshot written by intake; the run has none.");
        Profile? profile;
        IReadOnlyDictionary<string, FileEntry>? files;
        KgFacts kg;
        EnvPlan? envPlan = null;
        (IReadOnlyList<EnvBuildStage> Apps, string? NotVerified)? verified = null;
        var inputs = new List<string>();
        try
        {
            profile = await Profile.ReadAsync(context.Artifacts, cancellationToken).ConfigureAwait(false);
            files = await FileCategories.ReadAsync(context.Artifacts, cancellationToken).ConfigureAwait(false);
            var kgStream = await context.Artifacts.OpenReadAsync(KgFacts.BundlePath, cancellationToken).ConfigureAwait(false);
            if (kgStream is null)
                kg = KgFacts.Empty;
            else
                await using (kgStream.ConfigureAwait(false))
                    kg = await KgFacts.ReadAsync(kgStream, cancellationToken).ConfigureAwait(false);
            var envStream = await context.Artifacts.OpenReadAsync(EnvPlan.BundlePath, cancellationToken).ConfigureAwait(false);
            if (envStream is not null)
                await using (envStream.ConfigureAwait(false))
                    envPlan = await EnvPlan.ReadAsync(envStream, cancellationToken).ConfigureAwait(false);
            var verifyStream = await context.Artifacts.OpenReadAsync(EnvBuildStage.BundlePath, cancellationToken).ConfigureAwait(false);
            if (verifyStream is not null)
                await using (verifyStream.ConfigureAwait(false))
                    verified = await EnvBuildStage.ReadAsync(verifyStream, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            return StageOutcome.BadInput(e.Message);
        }
        if (profile is not null)
            inputs.Add(Profile.BundlePath);
        if (files is not null)
            inputs.Add(FileList.BundlePath);
        if (kg.Tasks.Count + kg.Entrypoints.Count + kg.Endpoints.Count > 0)
            inputs.Add(KgFacts.BundlePath);
        if (envPlan is not null)
            inputs.Add(EnvPlan.BundlePath);
        if (verified is not null)
            inputs.Add(EnvBuildStage.BundlePath);
        files ??= source.Files.ToDictionary(f => f.Path, f => new FileEntry(f.Path, f.Size, "other", null, FileScopes.Product), StringComparer.Ordinal);

        var access = new InstallAccess(_options.InstallPolicy, PackageRegistries.FromHost());
        var root = await source.GetLocalRootAsync(cancellationToken).ConfigureAwait(false);
        var plan = Planner.Create(kg, profile, files.Keys.ToHashSet(StringComparer.Ordinal), Toolbox.Host, access, _options.MaxApps, path => ReadText(root, path, 64 << 20));
        var notes = plan.Notes.ToList();
        var (steps, smoke) = AddSmoke(plan.Steps, profile, files, root);
        (steps, smoke) = AddServiceSmoke(steps, smoke, profile, envPlan, kg, notes);
        Log.Planned(_logger, context.RunId, steps.Count, smoke.Count);

        try
        {
            var images = await ImagesAsync(verified, cancellationToken).ConfigureAwait(false);
            notes.AddRange(images.Notes);
            return await RunAsync(context, root, steps, smoke, notes, inputs, access, images, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The build stages Env kept are the Runner's to remove: nothing uses them after its steps.
            if (_images is not null && verified is { } v)
                foreach (var kept in v.Apps.Where(a => a.Reference is not null))
                    try
                    {
                        await _images.RemoveAsync(kept.Reference!, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (InvalidOperationException e)
                    {
                        Log.NotRemoved(_logger, context.RunId, kept.Reference!, e.Message);
                    }
        }
    }

    // Where the steps run: the build stage Env Synthesis kept for each app, or the host's toolchains and why.
    private async Task<StepImages> ImagesAsync((IReadOnlyList<EnvBuildStage> Apps, string? NotVerified)? verified, CancellationToken cancellationToken) =>
        !_options.UseEnvImages ? StepImages.None($"Env Synthesis images are not used ({RunnerOptions.Section}:UseEnvImages=false)")
        : verified is not { } v ? StepImages.None($"no {EnvBuildStage.BundlePath}: Env Synthesis did not run")
        : v.NotVerified is { } why ? StepImages.None($"Env Synthesis built no image: {why}")
        : _images is null || _capsules is null ? StepImages.None("no image builder in this process (the capsules module)")
        : await StepImages.ResolveAsync(v.Apps, _images, cancellationToken).ConfigureAwait(false);

    private async Task<StageOutcome> RunAsync(StageContext context, string root, List<PlannedStep> steps, List<SmokeFile> smoke, List<string> notes,
        List<string> inputs, InstallAccess access, StepImages images, CancellationToken cancellationToken)
    {
        var network = _options.Policy != "none";
        var environment = new RunnerEnvironment(images.All.Count > 0 ? "image" : "host-toolchains",
            images.All.Count > 0 ? string.Join(", ", images.All.Select(i => $"{i.Reference}@{i.Id}")) : null, _options.Policy, network ? "allowlist" : "none", _options.InstallPolicy,
            [.. access.Registries.Select(r => new RegistryReport(r.Ecosystem, r.Url.AbsoluteUri, r.Destination, r.Where))],
            new LimitsReport(_options.Cpus, _options.MemoryBytes, _options.Pids, _options.StepSeconds, _options.InstallStepSeconds, _options.TotalSeconds, _options.OutputBytes,
                _options.TmpfsBytes, _options.DiskBytes),
            (images.All.Count > 0
                ? "Each step of an app Env Synthesis built runs in a capsule on its Dockerfile's build stage (the toolchain and dependencies the image installs, read-only; a command whose tool the image lacks runs again on the host's toolchains, and says so), other folders on the host's toolchains (its /usr read-only)"
                : "Each step runs in a capsule on the host's toolchains (its /usr read-only)")
            + "; the workspace (a copy of the source) is the only writable place; install steps reach only the package registries listed, the other steps the network of their policy. Each step says where it ran and why.",
            inputs);
        List<StepReport> reports;
        List<TestCase> tests;
        RepairLoop? repair = null;
        using var repairHttp = _options.Repair is { Enabled: true } && _http is null ? new HttpClient() : null;
        if (_options.Repair is { Enabled: true } settings)
            repair = new RepairLoop(new RepairModel(new OpenAiServer(repairHttp ?? _http!.CreateClient(RepairClient), settings.Endpoint!,
                SecretFile.From(settings.ApiKeyFile, $"{RunnerOptions.Section}:Repair:ApiKeyFile")), settings), settings);
        if (_capsules is null)
        {
            notes.Add("no capsules module in this process (noa serve --target runner loads it): nothing was run");
            (reports, tests) = (NotRun(steps, "no capsule to run it in"), []);
        }
        else if (OperatingSystem.IsWindows())
        {
            notes.Add("capsules run on Linux only: nothing was run");
            (reports, tests) = (NotRun(steps, "capsules run on Linux only"), []);
        }
        else
        {
            RunWorkspace? workspace = null;
            try
            {
                workspace = RunWorkspace.Create(_options.WorkDirectory, context.RunId, root);
                if (workspace.Links > 0)
                    notes.Add($"{workspace.Links} symbolic link(s) of the source were not copied into the workspace (a link could name a host file)");
                Directory.CreateDirectory(Path.Combine(workspace.Path, StepExecutor.ReportFolder));
                if (steps.Any(s => s.Candidates.Any(DebianPython.IsOwn)))
                    await File.WriteAllTextAsync(Path.Combine(workspace.Path, StepExecutor.ReportFolder, DebianPython.Script), DebianPython.Text(), cancellationToken).ConfigureAwait(false);
                if (steps.Any(s => s.Candidates.Contains(NpmInstall.Candidate)))
                    await File.WriteAllTextAsync(Path.Combine(workspace.Path, StepExecutor.ReportFolder, NpmInstall.Script), NpmInstall.Text(), cancellationToken).ConfigureAwait(false);
                foreach (var debianSource in DebianSource.All.Where(d => steps.Any(s => s.Candidates.Contains(d.Candidate))))
                    foreach (var (name, text) in debianSource.Files())
                        await File.WriteAllTextAsync(Path.Combine(workspace.Path, StepExecutor.ReportFolder, name), text, cancellationToken).ConfigureAwait(false);
                var goEnv = Path.Combine(workspace.Path, StepExecutor.ReportFolder, "go", "env");
                Directory.CreateDirectory(Path.GetDirectoryName(goEnv)!);
                await File.WriteAllTextAsync(goEnv, "GOFLAGS=-modcacherw\n", cancellationToken).ConfigureAwait(false);
                foreach (var file in smoke)
                {
                    var path = Path.Combine(workspace.Path, SmokeWriter.Folder, file.Name);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await File.WriteAllTextAsync(path, file.Content, cancellationToken).ConfigureAwait(false);
                }
                var executor = new StepExecutor(new CapsuleStepRunner(_capsules, _options), _options, context.Time, images, repair);
                (reports, tests) = await executor.RunAsync(steps, workspace.Path, context.RunId, context.Request.Tenant, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && workspace is null)
            {
                notes.Add($"the workspace could not be made under {_options.WorkDirectory} (Noa:Runner:WorkDirectory), so nothing was run: {e.Message}");
                (reports, tests) = (NotRun(steps, "no workspace"), []);
            }
            catch (SandboxUnavailableException e)
            {
                Log.SandboxUnavailable(_logger, context.RunId, e.Message);
                notes.Add($"this host cannot run capsules, so nothing was run: {e.Message}");
                (reports, tests) = (NotRun(steps, "this host cannot run capsules"), []);
            }
            catch (CapsuleRequestException e)
            {
                return StageOutcome.Fail("RunnerConfiguration", $"The capsule module refused the Runner's request (Noa:Runner options): {e.Message}", nonRetryable: true);
            }
            finally
            {
                workspace?.Dispose();
            }
        }
        foreach (var r in reports.Where(r => r.Status != "not-run"))
            Log.StepEnded(_logger, context.RunId, r.Id, r.Phase, r.Command ?? "", r.Ending ?? "");

        var levels = LevelsOf.Compute(reports, tests);
        var report = new RunnerReport
        {
            Summary = Summary(levels, reports),
            Levels = levels,
            Environment = environment,
            Steps = reports,
            Tests = tests,
            Smoke = [.. smoke.Select(s => "runner/smoke/" + s.Name)],
            Notes = notes,
            Repair = repair?.Report,
            Images = images.All,
        };
        await WriteAsync(context, RunnerReport.BundlePath, JsonSerializer.SerializeToUtf8Bytes(report, RunnerReport.Json), "application/json", cancellationToken).ConfigureAwait(false);
        await WriteAsync(context, DemoWriter.BundlePath, Encoding.UTF8.GetBytes(DemoWriter.Write(report)), "text/markdown", cancellationToken).ConfigureAwait(false);
        foreach (var file in smoke)
            await WriteAsync(context, "runner/smoke/" + file.Name, Encoding.UTF8.GetBytes(file.Content), "text/plain", cancellationToken).ConfigureAwait(false);
        return StageOutcome.Success(report.Summary);
    }

    // A folder whose plan has no test step gets the smoke tests its language allows.
    private static (List<PlannedStep> Steps, List<SmokeFile> Smoke) AddSmoke(IReadOnlyList<PlannedStep> planned, Profile? profile,
        IReadOnlyDictionary<string, FileEntry> files, string root)
    {
        var steps = planned.ToList();
        var smoke = new List<SmokeFile>();
        var paths = files.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var folder in planned.Select(s => s.Cwd).Distinct().ToList())
        {
            if (planned.Any(s => s.Cwd == folder && s.Phase == "test"))
                continue;
            var language = Planner.Language(folder, profile, paths);
            foreach (var file in SmokeWriter.For(folder, language, files, p => ReadText(root, p)))
            {
                smoke.Add(file);
                var index = steps.FindLastIndex(s => s.Cwd == folder) + 1;
                steps.Insert(index, new PlannedStep("", "smoke", folder, [new Candidate(file.Command, "runner", null, 0, "smoke test: " + file.Why)], []));
            }
        }
        return ([.. steps.Select((s, i) => s with { Id = $"s{i + 1}" })], smoke);
    }

    // A service (a server app of env/plan.json) in a folder with no test step is started and its endpoints called; the start
    // command, port and health path are the Env stage's, so without its plan nothing is started.
    private (List<PlannedStep> Steps, List<SmokeFile> Smoke) AddServiceSmoke(List<PlannedStep> planned, List<SmokeFile> smoke, Profile? profile,
        EnvPlan? envPlan, KgFacts kg, List<string> notes)
    {
        if (envPlan is null)
        {
            foreach (var app in profile?.Apps.Where(a => a.Kind is "service" or "web-app") ?? [])
                notes.Add($"service {app.Name} ({app.Root}): no start command known (no {EnvPlan.BundlePath}: the env stage did not plan it): not started");
            return (planned, smoke);
        }
        var steps = planned.ToList();
        var files = smoke.ToList();
        foreach (var app in envPlan.Apps.Where(a => a.Server).Take(_options.MaxApps))
        {
            var folder = app.Root is "." ? "" : app.Root.Trim('/');
            if (steps.Any(s => s.Cwd == folder && s.Phase == "test"))
            {
                notes.Add($"service {app.Name} ({app.Root}): its own tests ran instead of a service smoke test");
                continue;
            }
            var (file, why) = ServiceSmoke.For(app, kg.Endpoints, _options.ServiceWaitSeconds);
            notes.AddRange(why);
            if (file is null)
                continue;
            files.Add(file);
            var index = steps.FindLastIndex(s => s.Cwd == folder) + 1;
            steps.Insert(index, new PlannedStep("", "smoke", folder, [new Candidate(file.Command, "runner", null, 0, "smoke test: " + file.Why)], []));
        }
        return ([.. steps.Select((s, i) => s with { Id = $"s{i + 1}" })], files);
    }

    // Lockfiles run to megabytes (a large npm one to tens): the planner reads them whole.
    private static string? ReadText(string root, string path, long maxBytes = 1 << 20)
    {
        var full = Path.Combine(root, path);
        return File.Exists(full) && new FileInfo(full).Length < maxBytes ? File.ReadAllText(full) : null;
    }

    private static List<StepReport> NotRun(List<PlannedStep> steps, string why) =>
        [.. steps.Select(s => new StepReport
        {
            Id = s.Id, Phase = s.Phase, Cwd = s.Cwd.Length == 0 ? "." : s.Cwd, Status = "not-run", Reason = s.NotRun ?? why, Skipped = [.. s.Skipped],
            Command = s.Candidates.FirstOrDefault()?.Command, Source = s.Candidates.FirstOrDefault()?.Where,
        })];

    private static string Summary(Levels l, List<StepReport> steps)
    {
        if (steps.Count == 0)
            return "nothing to build or test: the source documents no command and no build system was recognised";
        var built = l.Built is null ? "no build step" : l.Built.Value ? "built" : "build failed";
        var ran = l.TestsRan ? $"{l.Counts.Total} {(l.Smoke ? "smoke " : "")}tests ran" : "no tests ran";
        var passed = l.TestsRan ? $"{l.Counts.Passed} passed, {l.Counts.Failed} failed{(l.Counts.Flaky > 0 ? $", {l.Counts.Flaky} flaky" : "")}{(l.Counts.Skipped > 0 ? $", {l.Counts.Skipped} skipped" : "")}" : null;
        var limits = steps.Where(s => s.Status == "limit").Select(s => $"{s.Id} ended by {s.Limit}").ToList();
        return string.Join("; ", new[] { built, ran, passed }.OfType<string>().Concat(limits));
    }

    private static async Task WriteAsync(StageContext context, string path, byte[] content, string mediaType, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content);
        await context.Artifacts.WriteAsync(path, stream, mediaType, cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.ImageNotRemoved, Level = LogLevel.Warning, Message = "Run {RunId}: the build stage {Image} Env Synthesis kept could not be removed: {Reason}")]
        public static partial void NotRemoved(ILogger logger, string runId, string image, string reason);

        [LoggerMessage(EventId = LogEvents.StepEnded, Level = LogLevel.Information, Message = "Run {RunId}: runner step {Step} ({Phase}) `{Command}` → {Ending}")]
        public static partial void StepEnded(ILogger logger, string runId, string step, string phase, string command, string ending);

        [LoggerMessage(EventId = LogEvents.SandboxUnavailable, Level = LogLevel.Warning, Message = "Run {RunId}: the runner cannot run capsules on this host: {Reason}")]
        public static partial void SandboxUnavailable(ILogger logger, string runId, string reason);

        [LoggerMessage(EventId = LogEvents.Planned, Level = LogLevel.Information, Message = "Run {RunId}: runner planned {Steps} steps ({Smoke} smoke files)")]
        public static partial void Planned(ILogger logger, string runId, int steps, int smoke);
    }
}
