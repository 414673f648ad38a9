using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Gateway;

namespace Noa.Capsule.Api;

/// <summary>
/// <c>POST /capsule/spawn</c> and <c>/capsules…</c>: start a capsule (202 + id), list, show, follow its output (SSE),
/// run a command in it, reach an inner port, remove it. Behind the gateway's API keys (<c>capsules:run</c>,
/// <c>capsules:read</c>) and audit; a key sees its own tenant's capsules, <c>admin</c> sees all.
/// </summary>
internal static class CapsuleEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/capsule/spawn", SpawnAsync).RequireApiScope(ApiEndpointExtensions.CapsulesRun).WithName("SpawnCapsule").WithTags("Capsules")
            .WithSummary("Start a capsule").WithDescription("Runs a command in a sandbox on an image (or the host's read-only /usr) with an egress policy and limits; answers 202 with its id once it runs. Bad fields (an unknown image or policy, a limit out of range) are 400 naming each; a tenant over its quota is 429.")
            .Accepts<SpawnBody>("application/json").Produces<SpawnAccepted>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(429);
        var capsules = app.MapGroup("/capsules").WithTags("Capsules");
        capsules.MapGet("", List).RequireApiScope(ApiEndpointExtensions.CapsulesRead).WithName("ListCapsules").WithSummary("Capsules, newest first");
        capsules.MapGet("/{id}", Get).RequireApiScope(ApiEndpointExtensions.CapsulesRead).WithName("GetCapsule").WithSummary("A capsule: state, limits, usage, result")
            .Produces<CapsuleView>().ProducesProblem(404);
        capsules.MapGet("/{id}/logs", LogsAsync).RequireApiScope(ApiEndpointExtensions.CapsulesRead).WithName("CapsuleLogs")
            .WithSummary("Server-sent events of a capsule's output").WithDescription("Events stdout and stderr (data: {\"text\", \"at\"}) from the kept tail, then live; ends with an end event holding the result.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesProblem(404);
        capsules.MapPost("/{id}/exec", ExecAsync).RequireApiScope(ApiEndpointExtensions.CapsulesRun).WithName("ExecInCapsule")
            .WithSummary("Run a command in a running capsule").Accepts<ExecBody>("application/json").Produces<ExecView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        capsules.MapDelete("/{id}", DeleteAsync).RequireApiScope(ApiEndpointExtensions.CapsulesRun).WithName("DeleteCapsule")
            .WithSummary("Stop a capsule and forget it").Produces(StatusCodes.Status204NoContent).ProducesProblem(404);
        capsules.MapMethods("/{id}/ports/{port:int}/{**path}", ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"], ServiceMirrorRoute.ForwardAsync)
            .RequireApiScope(ApiEndpointExtensions.CapsulesRead).WithName("CapsulePort")
            .WithSummary("HTTP to a service listening inside a capsule").WithDescription("The service mirror: the request is forwarded to the capsule's inner port (its loopback) and the answer streamed back.");
    }

    private static async Task<IResult> SpawnAsync(HttpContext context, ICapsules capsules, IOptions<CapsuleOptions> options)
    {
        SpawnBody? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<SpawnBody>(CapsuleJson.Options, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return Problems.Invalid(e.Path is { Length: > 2 } path ? path[2..] : "body", "is not valid here: " + e.Message.Split(" Path:")[0]);
        }
        if (body is null)
            return Problems.Invalid("body", "a JSON object is needed");
        if (body.RunId is not null)
            return Problems.Invalid("runId", "this worker does not start capsules from a run's snapshot yet: give an image and a command");
        var defaults = options.Value.DefaultLimits;
        var l = body.Limits;
        var limits = new SandboxLimits
        {
            Cpus = l?.Cpus ?? defaults.Cpus, MemoryBytes = l?.MemoryBytes ?? defaults.MemoryBytes, Pids = l?.Pids ?? defaults.Pids,
            WallTime = TimeSpan.FromSeconds(Math.Clamp(l?.WallTimeSeconds ?? defaults.WallTimeSeconds, -1, 1e9)),
            OutputBytes = l?.OutputBytes ?? defaults.OutputBytes, TmpfsBytes = l?.TmpfsBytes ?? defaults.TmpfsBytes,
        };
        var caller = context.ApiKeyId() ?? "anonymous";
        try
        {
            var capsule = await capsules.SpawnAsync(new CapsuleRequest
            {
                Image = body.Image, Command = body.Command ?? [], Environment = body.Env ?? [], WorkingDirectory = body.WorkingDirectory,
                Policy = body.Policy, Limits = limits, Ports = body.Ports ?? [], BuildProxy = body.BuildProxy, Tenant = caller, Actor = caller,
            }, context.RequestAborted);
            var location = $"/capsules/{capsule.Id}";
            return TypedResults.Accepted(location, new SpawnAccepted(capsule.Id, "running", location, capsule.PublishedPorts));
        }
        catch (CapsuleRequestException e) when (e.OverQuota)
        {
            return Problems.Of(429, "Over quota", e.Message, Problems.Base + "over-quota");
        }
        catch (CapsuleRequestException e)
        {
            return Problems.Invalid(e.Errors.ToDictionary(p => p.Key, p => new[] { p.Value }));
        }
    }

    private static IResult List(HttpContext context, ICapsules capsules) =>
        TypedResults.Ok(capsules.List(Tenant(context)).Select(CapsuleView.Of).ToList());

    private static IResult Get(string id, HttpContext context, ICapsules capsules) =>
        Visible(id, context, capsules) is { } capsule ? TypedResults.Ok(CapsuleView.Of(capsule)) : NotFound(id);

    private static async Task<IResult> LogsAsync(string id, HttpContext context, ICapsules capsules)
    {
        if (Visible(id, context, capsules) is null)
            return NotFound(id);
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await foreach (var output in capsules.FollowAsync(id, context.RequestAborted))
                await WriteEventAsync(context, output.Stream == SandboxStream.Stdout ? "stdout" : "stderr", new { text = output.Text, at = output.At });
            var ended = await capsules.WaitAsync(id, context.RequestAborted);
            await WriteEventAsync(context, "end", ended.Result is { } r ? ResultView.Of(r) : null);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        return Results.Empty;
    }

    private static async Task<IResult> ExecAsync(string id, HttpContext context, ICapsules capsules)
    {
        if (Visible(id, context, capsules) is not { } capsule)
            return NotFound(id);
        ExecBody? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<ExecBody>(CapsuleJson.Options, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return Problems.Invalid("body", "is not valid here: " + e.Message.Split(" Path:")[0]);
        }
        if (body?.Command is not { Count: > 0 } command || command.Any(string.IsNullOrEmpty))
            return Problems.Invalid("command", "must name a program (and no argument may be empty)");
        if (body.WallTimeSeconds is <= 0 or > 86_400)
            return Problems.Invalid("wallTimeSeconds", "must be above 0 and at most 86400");
        if (capsule.State != CapsuleState.Running)
            return Problems.Of(409, "Capsule ended", $"Capsule '{id}' has ended: nothing runs to exec in.");
        var result = await capsules.ExecAsync(id, new SandboxExec
        {
            Command = command, Environment = body.Env ?? [], WorkingDirectory = body.WorkingDirectory,
            WallTime = body.WallTimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        }, context.RequestAborted);
        return TypedResults.Ok(new ExecView(ResultView.Of(result.Result), result.Stdout, result.Stderr));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ICapsules capsules)
    {
        if (Visible(id, context, capsules) is null)
            return NotFound(id);
        await capsules.RemoveAsync(id, context.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>The capsule when the caller may see it (its tenant's, or any for admin), else null.</summary>
    internal static CapsuleInfo? Visible(string id, HttpContext context, ICapsules capsules) =>
        capsules.Get(id) is { } capsule && (Tenant(context) is null || capsule.Tenant == Tenant(context)) ? capsule : null;

    /// <summary>The tenant whose capsules the caller sees: its key's, or null (all) for an admin key.</summary>
    private static string? Tenant(HttpContext context) => context.ApiKeyHasAdmin() ? null : context.ApiKeyId() ?? "anonymous";

    internal static IResult NotFound(string id) => Problems.Of(404, "Capsule not found", $"There is no capsule '{id}'.");

    private static async Task WriteEventAsync(HttpContext context, string type, object? data)
    {
        await context.Response.WriteAsync($"event: {type}\ndata: {JsonSerializer.Serialize(data, CapsuleJson.Options)}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
