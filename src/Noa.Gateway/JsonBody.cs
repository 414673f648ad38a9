using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Noa.Gateway;

/// <summary>
/// Reads a JSON request body into <typeparamref name="T"/>, turning each way it can go wrong into a problem:
/// not JSON (415), too large (413), malformed or a field of the wrong type (400 naming the field).
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.Of(415, "Unsupported media type", "Send the body as application/json."));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null ? (null, Problems.Invalid("body", "must be a JSON object, not null")) : (value, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.Of(413, "Payload too large", "The request body is larger than this gateway accepts (Noa:Gateway:MaxRequestBodyBytes)."));
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid(FieldOf(e.Path), ReasonOf(e)));
        }
    }

    /// <summary><c>$.only[2]</c> → <c>only[2]</c>; the whole body → <c>body</c>.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string ReasonOf(JsonException e)
    {
        // System.Text.Json's messages name CLR types; say what the client can act on instead.
        var message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return "is not a known field";
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return "has the wrong type or an unknown value";
        return e.LineNumber is { } line ? $"is not valid JSON (line {line + 1}, byte {e.BytePositionInLine + 1})" : "is not valid JSON";
    }
}
