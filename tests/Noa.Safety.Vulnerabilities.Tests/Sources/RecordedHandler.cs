using System.Net;
using System.Text;

namespace Noa.Safety.Vulnerabilities.Tests.Sources;

/// <summary>Answers requests from a table of (method + URL) → (status, body), recording each request.</summary>
internal sealed class RecordedHandler(Dictionary<string, (HttpStatusCode Status, string Body)> answers) : HttpMessageHandler
{
    public List<string> Requests { get; } = [];

    public List<string> Bodies { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = $"{request.Method} {request.RequestUri}";
        Requests.Add(key);
        Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
        if (!answers.TryGetValue(key, out var answer)) throw new HttpRequestException($"no route to {key}");
        return new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, "application/json") };
    }
}
