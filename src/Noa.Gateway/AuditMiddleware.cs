using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>
/// Writes one <c>ApiCalled</c> audit record per call to an API endpoint, refused calls (401, 403, 429) included:
/// who (key id, or <c>anonymous</c>), what (method and route), when, the run id, and the status.
/// Health, readiness and metrics probes are not API calls and are not audited.
/// </summary>
internal sealed partial class AuditMiddleware(RequestDelegate next, IAuditLog audit, TimeProvider time, ILogger<AuditMiddleware> logger)
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
            var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "/";
            if (route.Length > 1)
                route = route.TrimEnd('/'); // a group's own route ("/runs" + "") reads "/runs/"
            var record = new AuditRecord
            {
                At = at,
                Actor = context.Features.Get<ApiCaller>()?.KeyId ?? "anonymous",
                Action = Action,
                RunId = context.Items[RunIdItem] as string ?? context.Request.RouteValues["id"] as string,
                Subject = $"{context.Request.Method} {route}",
                Detail = $"{{\"status\":{status},\"ms\":{Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0}}}",
            };
            try
            {
                await audit.AppendAsync(record, CancellationToken.None);
            }
            catch (Exception e)
            {
                Log.AuditNotWritten(logger, e, record.Subject);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.AuditNotWritten, LogLevel.Error, "Could not write the audit record of {Call}")]
        public static partial void AuditNotWritten(ILogger logger, Exception exception, string? call);
    }
}
