using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Noa.Capsule.Api;

/// <summary>RFC 9457 problem details with the gateway's <c>type</c> URIs.</summary>
internal static class Problems
{
    public const string Base = "https://noa.dev/problems/";

    public static ProblemHttpResult Of(int status, string title, string detail, string? type = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: type ?? Base + status switch
        {
            400 => "bad-request", 404 => "not-found", 409 => "conflict", 429 => "rate-limited", 502 => "bad-gateway", _ => "internal",
        });

    /// <summary>400 naming each bad field and why.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "The request has invalid fields: " + string.Join(", ", errors.Keys) + ".",
            title: "Invalid request", type: Base + "bad-request");

    public static ValidationProblem Invalid(string field, string reason) => Invalid(new Dictionary<string, string[]> { [field] = [reason] });
}
