using System.Net;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Noa.Gateway.Tests;

public sealed class OpenApiTests
{
    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", "/digest"),
        ("GET", "/runs"),
        ("GET", "/catalog"),
        ("GET", "/runs/{id}"),
        ("GET", "/runs/{id}/artifacts"),
        ("GET", "/runs/{id}/artifacts/{path}"),
        ("GET", "/runs/{id}/events"),
        ("POST", "/runs/{id}/cancel"),
        ("GET", "/admin/queues"),
        ("POST", "/admin/queues/{stream}/replay"),
        ("POST", "/admin/keys"),
        ("GET", "/admin/keys"),
        ("DELETE", "/admin/keys/{keyId}"),
        ("GET", "/admin/audit"),
        ("GET", "/admin/policies"),
        ("GET", "/admin/policies/{name}"),
        ("PUT", "/admin/policies/{name}"),
    ];

    [Fact]
    public async Task Document_Parses_AndListsEveryEndpoint()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);
        await Problem.AssertAsync(await host.Client().GetAsync("/openapi/v1.json"), HttpStatusCode.Unauthorized, "unauthorized");

        await using var json = await host.Admin.GetStreamAsync("/openapi/v1.json");
        var read = await OpenApiDocument.LoadAsync(json, OpenApiConstants.Json, new OpenApiReaderSettings());

        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var document = read.Document!;
        var listed = document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => (o.Key.Method, Path: p.Key))).ToHashSet();
        foreach (var endpoint in Endpoints)
            Assert.Contains(endpoint, listed);
        Assert.Contains("bearer", document.Components!.SecuritySchemes!.Keys);
        var digest = document.Paths["/digest"].Operations![HttpMethod.Post];
        Assert.Contains("202", digest.Responses!.Keys);
        Assert.Contains("429", digest.Responses!.Keys);
        Assert.NotNull(digest.RequestBody?.Content?["application/json"].Schema);
    }

    [Fact]
    public async Task DocsPage_IsSelfContainedHtml_ListingEveryEndpoint()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);

        var response = await host.Admin.GetAsync("/docs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        foreach (var (_, path) in Endpoints)
            Assert.Contains($"<code>{path.Replace("{path}", "{path}")}", html.Replace("{**path}", "{path}"));
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("src=", html);
        Assert.Contains("digest:write", html);
    }
}
