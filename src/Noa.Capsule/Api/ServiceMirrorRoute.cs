using Microsoft.AspNetCore.Http;
using Noa.Abstractions;

namespace Noa.Capsule.Api;

/// <summary>
/// <c>/capsules/{id}/ports/{port}/{**path}</c>: the service mirror behind the API key. The request (method, path, query,
/// body, headers but hop-by-hop ones and the API key) goes to the capsule's inner port over a connection made inside its
/// network, and the answer is streamed back.
/// </summary>
internal static class ServiceMirrorRoute
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Authorization", "X-Api-Key",
    };

    public static async Task<IResult> ForwardAsync(string id, int port, string? path, HttpContext context, ICapsules capsules)
    {
        if (CapsuleEndpoints.Visible(id, context, capsules) is not { State: CapsuleState.Running })
            return CapsuleEndpoints.NotFound(id);
        if (port is < 1 or > 65535)
            return Problems.Invalid("port", "must be 1-65535");
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, ct) => new ValueTask<Stream>(capsules.ConnectAsync(id, port, ct)),
            UseProxy = false, AllowAutoRedirect = false, UseCookies = false,
        };
        using var client = new HttpMessageInvoker(handler);
        var target = new Uri($"http://127.0.0.1:{port}/{path}{context.Request.QueryString}");
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            request.Content = new StreamContent(context.Request.Body);
        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
                continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        request.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", $"/capsules/{id}/ports/{port}");
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            return Problems.Of(502, "Capsule port unreachable", $"Nothing answered on port {port} inside capsule '{id}' ({e.Message}).");
        }
        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                if (!HopByHop.Contains(name))
                    context.Response.Headers[name] = values.ToArray();
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        return Results.Empty;
    }
}
