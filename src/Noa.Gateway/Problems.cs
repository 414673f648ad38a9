using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Noa.Gateway;

/// <summary>RFC 9457 problem details with one stable <c>type</c> URI per kind of failure.</summary>
internal static class Problems
{
    public const string Base = "https://noa.dev/problems/";
    public const string BadRequest = Base + "bad-request";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string Conflict = Base + "conflict";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string RateLimited = Base + "rate-limited";
    public const string QueueFull = Base + "queue-full";
    public const string Internal = Base + "internal";
    public const string Unavailable = Base + "unavailable";

    /// <summary>The type of a bare status code (the ones a handler did not describe itself).</summary>
    public static string TypeFor(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        503 => Unavailable,
        _ when status >= 500 => Internal,
        _ => Base + "http-" + status,
    };

    public static ProblemHttpResult Of(int status, string title, string detail, string? type = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: type ?? TypeFor(status));

    public static ProblemHttpResult NotFoundRun(string id) => Of(404, "Run not found", $"There is no run '{id}'.");

    /// <summary>400 naming each bad field and why (<c>errors: { field: [reasons] }</c>).</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "The request has invalid fields: " + string.Join(", ", errors.Keys) + ".",
            title: "Invalid request", type: BadRequest);

    public static ValidationProblem Invalid(string field, string reason) => Invalid(new Dictionary<string, string[]> { [field] = [reason] });
}
