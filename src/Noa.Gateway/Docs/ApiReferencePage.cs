using System.Net;
using System.Text;
using Microsoft.OpenApi;

namespace Noa.Gateway;

/// <summary>Renders the OpenAPI document as one self-contained HTML page: inline CSS, no scripts, nothing fetched.</summary>
internal static class ApiReferencePage
{
    private const string Style = """
        body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
        h1{margin-bottom:.2rem}code,pre{font:13px ui-monospace,monospace;background:#f3f4f6;border-radius:4px;padding:.1rem .3rem}
        section{border:1px solid #d0d7de;border-radius:6px;margin:1rem 0;padding:.6rem 1rem}
        .m{display:inline-block;min-width:4.2rem;font-weight:700;text-transform:uppercase}
        .get{color:#0969da}.post{color:#1a7f37}.put{color:#9a6700}.delete{color:#cf222e}
        table{border-collapse:collapse;width:100%;margin:.4rem 0}td,th{border-top:1px solid #eaeef2;text-align:left;padding:.2rem .4rem;vertical-align:top}
        .scope{font-size:12px;background:#ddf4ff;border-radius:10px;padding:0 .5rem;margin-left:.5rem}
        nav a{margin-right:.8rem}
        """;

    public static string Render(OpenApiDocument document)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(document.Info?.Title)).Append(" API reference</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>").Append(E(document.Info?.Title)).Append(" <small>").Append(E(document.Info?.Version)).Append("</small></h1>");
        html.Append("<p>").Append(E(document.Info?.Description)).Append("</p>");
        html.Append("<nav><a href=\"/openapi/v1.json\">OpenAPI document</a><a href=\"/healthz\">/healthz</a><a href=\"/readyz\">/readyz</a><a href=\"/metrics\">/metrics</a></nav>");
        foreach (var (path, item) in (document.Paths ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var (method, operation) in item.Operations ?? [])
                Operation(html, method.Method.ToLowerInvariant(), path, operation);
        }
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Operation(StringBuilder html, string method, string path, OpenApiOperation operation)
    {
        html.Append("<section id=\"").Append(E(operation.OperationId)).Append("\"><div><span class=\"m ").Append(method).Append("\">")
            .Append(method).Append("</span><code>").Append(E(path)).Append("</code>");
        if (operation.Extensions?.TryGetValue("x-noa-scope", out var scope) == true && scope is JsonNodeExtension node)
            html.Append("<span class=\"scope\">").Append(E(node.Node.ToString())).Append("</span>");
        html.Append("</div>");
        if (operation.Summary is { } summary)
            html.Append("<strong>").Append(E(summary)).Append("</strong>");
        if (operation.Description is { } description)
            html.Append("<p>").Append(E(description).Replace("\n\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        if (operation.Parameters is { Count: > 0 } parameters)
        {
            html.Append("<table><tr><th>parameter</th><th>in</th><th>type</th><th>required</th></tr>");
            foreach (var p in parameters)
            {
                html.Append("<tr><td><code>").Append(E(p.Name)).Append("</code></td><td>").Append(E(p.In?.ToString().ToLowerInvariant()))
                    .Append("</td><td>").Append(E(TypeOf(p.Schema))).Append("</td><td>").Append(p.Required ? "yes" : "no").Append("</td></tr>");
            }
            html.Append("</table>");
        }
        if (operation.RequestBody?.Content is { Count: > 0 } body)
            html.Append("<div>Body: ").Append(string.Join(", ", body.Select(c => $"<code>{E(c.Key)}</code> {E(TypeOf(c.Value.Schema))}"))).Append("</div>");
        if (operation.Responses is { Count: > 0 } responses)
        {
            html.Append("<table><tr><th>status</th><th>content</th></tr>");
            foreach (var (status, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                html.Append("<tr><td>").Append(E(status)).Append("</td><td>")
                    .Append(string.Join(", ", (response.Content ?? new Dictionary<string, OpenApiMediaType>()).Select(c => $"<code>{E(c.Key)}</code> {E(TypeOf(c.Value.Schema))}")))
                    .Append("</td></tr>");
            }
            html.Append("</table>");
        }
        html.Append("</section>");
    }

    private static string TypeOf(IOpenApiSchema? schema) => schema switch
    {
        null => "",
        OpenApiSchemaReference reference => reference.Reference.Id ?? "object",
        { Type: { } type } when type.HasFlag(JsonSchemaType.Array) => TypeOf(schema.Items) + "[]",
        { Type: { } type } => type.ToString().ToLowerInvariant().Replace(", null", "?", StringComparison.Ordinal),
        _ => "object",
    };

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
