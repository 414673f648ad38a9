using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Noa.Credentials;

namespace Noa.OpenAi;

/// <summary>
/// One OpenAI-compatible server (Ollama, vLLM, the llama.cpp server): <c>POST {endpoint}/v1/{path}</c> with a JSON body, the
/// bearer key read from its secret file at every request (a rotated key is picked up) or given inline, and every failure
/// thrown with what went wrong: <see cref="HttpRequestException"/> with the status and the start of the body for an answer
/// other than 2xx, <see cref="InvalidDataException"/> for a body that is not the JSON asked for.
/// </summary>
public sealed class OpenAiServer
{
    private readonly HttpClient _http;
    private readonly SecretFile? _keyFile;
    private readonly string? _key;

    /// <param name="http">The client (see <see cref="OpenAiHttp"/>).</param>
    /// <param name="endpoint">The server's base URL (<c>http://localhost:11434</c>); <c>/v1/…</c> is appended unless it ends with <c>/v1</c>.</param>
    /// <param name="keyFile">The file holding the bearer key, when the server wants one.</param>
    /// <param name="key">A bearer key given inline (kept for the Embeddings settings' <c>ApiKey</c>); the file wins.</param>
    public OpenAiServer(HttpClient http, Uri endpoint, SecretFile? keyFile = null, string? key = null)
    {
        _http = http;
        Endpoint = endpoint;
        _keyFile = keyFile;
        _key = key;
    }

    /// <summary>The base URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>The URL of an operation (<c>embeddings</c>, <c>chat/completions</c>).</summary>
    public Uri Url(string path)
    {
        var baseUrl = Endpoint.AbsoluteUri.TrimEnd('/');
        return new Uri(baseUrl.EndsWith("/v1", StringComparison.Ordinal) ? $"{baseUrl}/{path}" : $"{baseUrl}/v1/{path}");
    }

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> and reads the answer as <typeparamref name="TResponse"/>.</summary>
    /// <exception cref="HttpRequestException">No connection, or an answer other than 2xx (its status and the start of its body).</exception>
    /// <exception cref="InvalidDataException">The answer is empty or not the JSON expected.</exception>
    /// <exception cref="SecretFileException">The key file is missing, empty or unreadable.</exception>
    public async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest body, CancellationToken cancellationToken)
    {
        var url = Url(path);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if ((_keyFile?.Read() ?? _key) is { } key)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}", null, response.StatusCode);
        }
        try
        {
            return await response.Content.ReadFromJsonAsync<TResponse>(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{url} returned an empty body.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{url} returned a body that is not the JSON expected: {e.Message}", e);
        }
    }
}
