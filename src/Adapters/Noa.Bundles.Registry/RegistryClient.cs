using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Noa.Bundles.Registry;

/// <summary>
/// HTTP to one registry: every request tried again (with a doubling wait from the <see cref="TimeProvider"/>) while the
/// registry cannot be reached or answers 5xx/429; refusals (4xx) come back at once. Error messages name the request and
/// the registry's own error code and message.
/// </summary>
internal sealed partial class RegistryClient(HttpClient http, RegistrySettings settings, TimeProvider time, ILogger logger)
{
    public Uri BaseAddress { get; } = new(settings.Url.TrimEnd('/') + "/");

    /// <summary>Sends a request built afresh for each attempt; the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var delay = settings.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            string? failure;
            try
            {
                var response = await http.SendAsync(request, completion, cancellationToken);
                if (!IsTransient(response.StatusCode) || attempt >= settings.MaxAttempts)
                    return response;
                failure = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                response.Dispose();
            }
            catch (HttpRequestException e) when (attempt < settings.MaxAttempts)
            {
                failure = e.Message;
            }
            catch (HttpRequestException e)
            {
                throw new Abstractions.BundleRegistryException($"{request.Method} {request.RequestUri}: the registry could not be reached after {attempt} attempts ({e.Message})", null, e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested && attempt < settings.MaxAttempts)
            {
                failure = "timed out: " + e.Message;
            }
            Log.Retried(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", attempt, failure);
            await Task.Delay(delay, time, cancellationToken);
            delay *= 2;
        }
    }

    /// <summary>Sends one request, once: for requests whose retry needs a decision (a PATCH that may have been half taken).</summary>
    public async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await http.SendAsync(request, cancellationToken);
            return response;
        }
        catch (HttpRequestException e)
        {
            throw new Abstractions.BundleRegistryException($"{request.Method} {request.RequestUri}: the registry could not be reached ({e.Message})", null, e);
        }
    }

    public Uri Resolve(string relative) => new(BaseAddress, relative);

    /// <summary>An exception naming the request, its status and the registry's error body (distribution-spec error codes).</summary>
    public static async Task<Abstractions.BundleRegistryException> ErrorAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var detail = "";
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                detail = string.Join("; ", errors.EnumerateArray().Select(e =>
                    $"{(e.TryGetProperty("code", out var c) ? c.GetString() : "?")}: {(e.TryGetProperty("message", out var m) ? m.GetString() : "")}"));
        }
        catch (JsonException)
        {
            // Not a distribution-spec error body: the status says enough.
        }
        var auth = response.StatusCode == HttpStatusCode.Unauthorized && response.RequestMessage?.Options.TryGetValue(RegistryAuthHandler.Outcome, out var outcome) == true
            ? $"; {outcome}"
            : "";
        var registry = response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Authority);
        return new Abstractions.BundleRegistryException(
            $"{what}: the registry {registry} answered {(int)response.StatusCode} {response.ReasonPhrase}{(detail.Length > 0 ? $" ({detail})" : "")}{auth}", response.StatusCode);
    }

    public static HttpRequestMessage Request(HttpMethod method, Uri uri, params string[] accept)
    {
        var request = new HttpRequestMessage(method, uri);
        foreach (var type in accept)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        return request;
    }

    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.RequestRetried, Level = LogLevel.Warning, Message = "Registry request {Method} {Path} failed (attempt {Attempt}): {Failure}; trying again")]
        public static partial void Retried(ILogger logger, string method, string path, int attempt, string failure);
    }
}
