using System.Net;
using System.Text.Json;

namespace Noa.Safety.Vulnerabilities.Sources;

/// <summary>Runs one HTTP exchange of a source and turns expected failures into problems: no answer
/// (DNS, refused, timeout, 5xx) is unreachable; 404/405/501 mean the host does not offer the service
/// (a registry mirror that serves packages but not advisories); bad JSON is an invalid response.</summary>
internal static class HttpOutcome
{
    public static async Task<(T? Value, MatchProblem? Problem)> Run<T>(string source, string what,
        Func<CancellationToken, Task<HttpResponseMessage>> send, Func<Stream, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await send(ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return (default, new(MatchProblemKind.SourceUnreachable, source, $"{what}: {e.Message}"));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (default, new(MatchProblemKind.SourceUnreachable, source, $"{what}: timed out"));
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
                return (default, new(MatchProblemKind.SourceUnsupported, source, $"{what}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}, the host does not offer this service"));
            if (!response.IsSuccessStatusCode)
                return (default, new(MatchProblemKind.SourceUnreachable, source, $"{what}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}"));
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                return (await read(body, ct).ConfigureAwait(false), null);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                return (default, new(MatchProblemKind.SourceInvalidResponse, source, $"{what}: {e.Message}"));
            }
        }
    }

    public static string AdvisoryId(string url, string fallback)
    {
        var last = url.TrimEnd('/').Split('/')[^1];
        return last.StartsWith("GHSA-", StringComparison.OrdinalIgnoreCase) ? last : fallback;
    }
}
