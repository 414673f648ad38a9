using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>
/// Writes one <c>ApiCalled</c> audit record per call to an API endpoint: who (key id, or <c>anonymous</c>; the tenant;
/// the client address), what (method and route), when, the run id, and the status. Refused calls (400, 401, 403, 405,
/// 413, 415, 429, 431; a method an API route does not have included) go through <see cref="RefusalAudit"/>, which
/// writes the first of each client and status in an interval and counts the rest. Health, readiness and metrics
/// probes are not API calls and are not audited.
/// </summary>
internal sealed partial class AuditMiddleware(RequestDelegate next, IAuditLog audit, RefusalAudit refusals, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    public const string Action = "ApiCalled";
    private const string RunIdItem = "noa.runId";

    /// <summary>Lets a handler name the run it created (POST /digest), which the route does not hold.</summary>
    public static void SetRunId(HttpContext context, string runId) => context.Items[RunIdItem] = runId;

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<RequiredScope>() is null)
        {
            await next(context);
            // Routing answers a method an existing route does not have (405), and a body of a type it does not accept
            // (415, `.Accepts<T>("application/json")`), with its own endpoint, which carries no scope.
            if (context.Response.StatusCode is StatusCodes.Status405MethodNotAllowed or StatusCodes.Status415UnsupportedMediaType
                && endpoint is not null)
                await RecordAsync(context, null, time.GetUtcNow(), Stopwatch.GetTimestamp(), failed: false);
            return;
        }
        var at = time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            await RecordAsync(context, endpoint as RouteEndpoint, at, started, failed);
        }
    }

    private async Task RecordAsync(HttpContext context, RouteEndpoint? endpoint, DateTimeOffset at, long started, bool failed)
    {
        var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        // A 405 or 415 of routing has no route of its own: the path stands for it (an anonymous caller's path, so cut to a sane length).
        var route = endpoint?.RoutePattern.RawText ?? Cut(context.Request.Path.Value ?? "/");
        if (route.Length > 1)
            route = route.TrimEnd('/'); // a group's own route ("/runs" + "") reads "/runs/"
        var caller = context.Features.Get<ApiCaller>();
        var client = ClientAddress.Of(context);
        var record = new AuditRecord
        {
            At = at,
            Actor = caller?.KeyId ?? "anonymous",
            Action = Action,
            RunId = context.Items[RunIdItem] as string ?? (endpoint is null ? null : context.Request.RouteValues["id"] as string),
            Subject = $"{Cut(context.Request.Method)} {route}",
            Detail = JsonSerializer.Serialize(new CallDetail(status, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), client, caller?.Tenant),
                GatewayJson.Bodies),
        };
        if (RefusalAudit.IsRefusal(status))
        {
            await refusals.RefusedAsync(client, status, record);
            return;
        }
        try
        {
            await audit.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception e)
        {
            Log.AuditNotWritten(logger, e, record.Subject);
        }
    }

    private static string Cut(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>The detail of an <c>ApiCalled</c> record.</summary>
    private sealed record CallDetail(int Status, double Ms, string Client, string? Tenant);

    private static partial class Log
    {
        [LoggerMessage(LogEvents.AuditNotWritten, LogLevel.Error, "Could not write the audit record of {Call}")]
        public static partial void AuditNotWritten(ILogger logger, Exception exception, string? call);
    }
}
