using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Noa.Abstractions;
using Noa.Credentials;

namespace Noa.Gateway;

/// <summary><c>POST /digest</c> and the <c>/runs</c> endpoints.</summary>
internal static class RunEndpoints
{
    public const int MaxListLimit = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/digest", DigestAsync).RequireScope(ApiScopes.DigestWrite).WithName("Digest")
            .WithSummary("Queue a digest run").WithDescription("Validates the request, records the run as queued and publishes StartRun on runs.requests; a run scheduler executes it. Answers 429 (queue-full) while runs.requests is deeper than Noa:Gateway:MaxQueueDepth.")
            .Accepts<DigestBody>("application/json")
            .Produces<RunAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(413).ProducesProblem(415).ProducesProblem(429);

        var runs = app.MapGroup("/runs").WithTags("Runs");
        runs.MapGet("", ListAsync).RequireScope(ApiScopes.RunsRead).WithName("ListRuns").WithSummary("List runs, newest first")
            .ProducesValidationProblem();
        runs.MapGet("/{id}", GetAsync).RequireScope(ApiScopes.RunsRead).WithName("GetRun").WithSummary("A run and its stage attempts");
        runs.MapGet("/{id}/artifacts", ArtifactsAsync).RequireScope(ApiScopes.RunsRead).WithName("ListArtifacts").WithSummary("The artifacts of a run");
        runs.MapGet("/{id}/artifacts/{**path}", DownloadAsync).RequireScope(ApiScopes.RunsRead).WithName("GetArtifact")
            .WithSummary("Download an artifact").WithDescription("Streams the content with its media type; the ETag is the sha256, so If-None-Match gives 304. Ranges are supported.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblem(404);
        runs.MapGet("/{id}/events", RunEventStream.StreamAsync).RequireScope(ApiScopes.RunsRead).WithName("RunEvents")
            .WithSummary("Server-sent events of a run").WithDescription("Replays the run's events from its start, then follows it live, and ends after RunCompleted. Event types: RunStarted, StageStarted, StageCompleted, StageFailed, StageRetrying, StageSkipped, GateFailed, RunCompleted (and StageProgressed with ?progress=true). Each data line is a RunEvent as JSON.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream").ProducesProblem(404);
        runs.MapPost("/{id}/cancel", CancelAsync).RequireScope(ApiScopes.DigestWrite).WithName("CancelRun")
            .WithSummary("Cancel a run").WithDescription("The request is recorded with the run. A queued run is cancelled at once; a running one through runs.control by the scheduler executing it, or, when no live process executes it (its process died), by the first scheduler that takes it over.")
            .ProducesProblem(409);
    }

    private static async Task<IResult> DigestAsync(
        HttpContext context, RunQueue queue, IOptions<GatewayOptions> options, GatewayTelemetry telemetry, CredentialSealer sealer)
    {
        var (body, problem) = await JsonBody.ReadAsync<DigestBody>(context.Request, GatewayJson.Bodies);
        if (problem is not null)
            return problem;
        var errors = DigestValidator.Validate(body!, StageCatalogue.Names, options.Value.AllowLocalSources);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (await queue.FullAsync(context.RequestAborted) is { } depth)
        {
            telemetry.Rejected.Add(1, new KeyValuePair<string, object?>("reason", "queue-full"));
            var retry = options.Value.QueueFullRetryAfter;
            context.Response.Headers[HeaderNames.RetryAfter] = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Of(429, "Queue full",
                $"runs.requests holds {depth} runs not yet started (limit {options.Value.MaxQueueDepth}); retry later.", Problems.QueueFull);
        }
        var caller = context.Features.GetRequiredFeature<ApiCaller>();
        // Credentials in the locator are separated here, at the door: only the redacted locator is stored and shown.
        var (shown, sealedSource) = SourceCredentials.Separate(body!.Source!.Trim(), sealer);
        var request = DigestValidator.ToRequest(body, caller.KeyId) with { Source = shown, SealedSource = sealedSource, Tenant = caller.Tenant };
        var run = await queue.EnqueueAsync(request, context.RequestAborted);
        AuditMiddleware.SetRunId(context, run.RunId);
        return TypedResults.Accepted($"/runs/{run.RunId}", Accepted(run));
    }

    private static async Task<Results<Ok<IReadOnlyList<RunRecord>>, ValidationProblem>> ListAsync(
        IRunStore store, string? state, int? limit, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RunState? parsed = null;
        if (state is not null)
        {
            if (Enum.TryParse<RunState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsAsciiDigit(state[0]))
                parsed = s;
            else
                errors["state"] = [$"'{state}' is not a run state; states: {string.Join(", ", Enum.GetNames<RunState>().Select(Camel))}"];
        }
        if (limit is < 1 or > MaxListLimit)
            errors["limit"] = [$"must be between 1 and {MaxListLimit}"];
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        var tenant = context.Features.GetRequiredFeature<ApiCaller>().ReadTenant;
        var runs = await store.ListRunsAsync(new RunQuery(parsed, limit ?? 50, tenant), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RunRecord>>([.. runs.Select(RunAccess.Shown)]);
    }

    private static async Task<Results<Ok<RunDetails>, ProblemHttpResult>> GetAsync(string id, IRunStore store, HttpContext context)
    {
        if (await store.FindAsync(id, context) is not { } run)
            return Problems.NotFoundRun(id);
        return TypedResults.Ok(new RunDetails(RunAccess.Shown(run), await store.GetAttemptsAsync(id, context.RequestAborted)));
    }

    private static async Task<Results<Ok<IReadOnlyList<ArtifactView>>, ProblemHttpResult>> ArtifactsAsync(string id, IRunStore store, HttpContext context)
    {
        if (await store.FindAsync(id, context) is null)
            return Problems.NotFoundRun(id);
        var artifacts = await store.GetArtifactsAsync(id, context.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<ArtifactView>>([.. artifacts.Select(a => new ArtifactView(a.Path, a.Sha256, a.Size, a.MediaType, a.Stage,
            $"/runs/{Uri.EscapeDataString(id)}/artifacts/{string.Join('/', a.Path.Split('/').Select(Uri.EscapeDataString))}"))]);
    }

    private static async Task<IResult> DownloadAsync(string id, string path, IRunStore store, IArtifactStore artifacts, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await store.FindAsync(id, context) is null)
            return Problems.NotFoundRun(id);
        // The path is only compared with stored bundle paths, never used on a file system.
        var artifact = (await store.GetArtifactsAsync(id, cancellationToken)).FirstOrDefault(a => string.Equals(a.Path, path, StringComparison.Ordinal));
        if (artifact is null)
            return Problems.Of(404, "Artifact not found", $"Run '{id}' has no artifact '{path}'; see /runs/{id}/artifacts.");
        var content = await artifacts.OpenReadAsync(artifact.Sha256, cancellationToken);
        if (content is null)
            return Problems.Of(404, "Artifact content missing", $"The content of '{path}' ({artifact.Sha256}) is missing from the artifact store.");
        return TypedResults.Stream(content, artifact.MediaType, fileDownloadName: null, lastModified: null,
            entityTag: new EntityTagHeaderValue($"\"{artifact.Sha256}\""), enableRangeProcessing: content.CanSeek);
    }

    private static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> CancelAsync(string id, HttpContext context, IRunStore store, RunQueue queue)
    {
        if (await store.FindAsync(id, context) is not { } run)
            return Problems.NotFoundRun(id);
        if (run.State is not (RunState.Queued or RunState.Running))
            return Problems.Of(409, "Run already ended", $"Run '{id}' ended {Camel(run.State.ToString())}; there is nothing to cancel.");
        run = await queue.CancelAsync(run, context.Features.GetRequiredFeature<ApiCaller>().KeyId, context.RequestAborted);
        return TypedResults.Accepted($"/runs/{id}", Accepted(run));
    }

    private static RunAccepted Accepted(RunRecord run) => new(run.RunId, run.State, $"/runs/{run.RunId}", $"/runs/{run.RunId}/events");

    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
