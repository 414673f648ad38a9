using System.Text.RegularExpressions;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

// Endpoint matches: the route, its method(s) and handler, class-level prefixes, and paths taken from loop tables.
internal sealed partial class FileExtractor
{
    private static readonly string[] Verbs = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static void AddEndpoint(QueryMatch match, Query query, Node node, Definitions defs, RouteCollector routes)
    {
        var routeNode = match["endpoint.route"];
        string? version = null;
        if (routeNode.Kind == "object")
        {
            // NestJS @Controller({ path: "x", version: "1" })
            version = RouteSyntax.ObjectProperty(routeNode, "version") is { IsNull: false } v ? Literals.Unquote(v.Text) : null;
            routeNode = RouteSyntax.ObjectProperty(routeNode, "path");
        }
        var properties = query.Properties(match.Pattern);
        if (properties.TryGetValue("route.chained", out var chained))
        {
            routeNode = ChainedRoute(node, chained);
            if (routeNode.IsNull)
            {
                return;
            }
        }
        if (properties.ContainsKey("route.loop"))
        {
            foreach (var path in routes.LoopPaths(routeNode))
            {
                routes.Endpoint(node, match, path, Verb(match["endpoint.method"]), annotated: false, decorated: -1);
            }
            return;
        }
        if (properties.TryGetValue("routes", out var table))
        {
            // A framework call that maps a known set of endpoints (ASP.NET Core Identity's MapIdentityApi).
            foreach (var entry in table.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var space = entry.IndexOf(' ', StringComparison.Ordinal);
                routes.Endpoint(node, match, entry[(space + 1)..], entry[..space], annotated: false, decorated: -1);
            }
            return;
        }
        var route = routeNode.IsNull ? properties.GetValueOrDefault("route", "") : Literals.Unquote(routeNode.Text);
        if (route is null)
        {
            return; // an interpolated route is not a fact
        }
        if (properties.TryGetValue("route.suffix", out var suffix))
        {
            route = route.TrimEnd('/') + suffix; // gin's Static("/x", …) serves /x/*filepath
        }
        var annotation = IsAnnotation(node.Kind) || node.Kind is "method_declaration" or "decorated_definition" or "function_item" or "method_definition";
        var method = properties.TryGetValue("method", out var set) ? set.ToUpperInvariant() : Verb(match["endpoint.method"]);
        if (match["endpoint.method"] is { IsNull: false } mm && mm.Text == "MapMethods" && RouteSyntax.IsCall(node) && RouteSyntax.Arguments(node) is { Count: > 1 } margs
            && VerbWord().Matches(margs[1].Text.ToUpperInvariant()).Select(x => x.Value).Distinct().ToList() is { Count: > 0 } listed)
        {
            method = string.Join(",", listed); // MapMethods("/x", new[] { "GET", "HEAD" }, h), [HttpMethods.Options]
        }
        if (method == "ANY")
        {
            // Go 1.22 patterns ("GET /x"), and verbs spelled inside an annotation (methods=["POST"], RequestMethod.GET).
            var space = route.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && Verbs.Contains(route[..space]))
            {
                method = route[..space];
                route = route[(space + 1)..].Trim();
            }
            else if (annotation && match["endpoint.verb"] is { IsNull: false } verb && VerbWord().Matches(verb.Text).Select(v => v.Value).Distinct().ToList() is { Count: > 0 } verbs)
            {
                method = string.Join(",", verbs);
            }
        }
        var decorated = node.Kind == "decorated_definition" ? defs.At(node.Field("definition")) : annotation ? defs.Decorated(node) : -1;
        if (node.Kind is "method_declaration" or "function_item" or "method_definition")
        {
            decorated = defs.At(node);
        }
        if (IsPrefix(properties))
        {
            // The class a prefix belongs to: the annotated class itself (Java, C#), or the class a decorator sits on (TS).
            var type = defs.At(node) is >= 0 and var at ? at : annotation ? decorated : -1;
            if (type >= 0)
            {
                routes.Class(node, type, route, version);
            }
            return;
        }
        routes.Endpoint(node, match, route, method, annotation && decorated >= 0, decorated);
    }

    // Express `router.route("/x").get(h).post(h2)`: the path of the `.route("/x")` call down the verb's receiver chain.
    private static Node ChainedRoute(Node call, string method)
    {
        for (var n = RouteSyntax.CallReceiver(call); RouteSyntax.IsCall(n); n = RouteSyntax.CallReceiver(n))
        {
            if (RouteSyntax.CallName(n) == method && RouteSyntax.Arguments(n) is [var path] && path.Kind is "string" or "template_string")
            {
                return path;
            }
        }
        return default;
    }

    private static bool IsPrefix(IReadOnlyDictionary<string, string> properties) =>
        properties.ContainsKey("prefix") || (properties.TryGetValue("endpoint.kind", out var kind) && kind == "prefix");

    private static string Verb(Node node)
    {
        if (node.IsNull)
        {
            return "ANY";
        }
        var text = Literals.Unquote(node.Text) ?? node.Text;
        var constant = text.LastIndexOf("Method", StringComparison.Ordinal);
        if (constant >= 0 && Verbs.Contains(text[(constant + 6)..].ToUpperInvariant()))
        {
            return text[(constant + 6)..].ToUpperInvariant(); // Go's http.MethodGet
        }
        var word = VerbWord().Match(text.ToUpperInvariant());
        return word.Success && word.Value.Length >= text.Replace("Map", "", StringComparison.Ordinal).Replace("Http", "", StringComparison.Ordinal).Replace("Mapping", "", StringComparison.Ordinal).Length - 1
            ? word.Value
            : VerbPrefix().Match(text) is { Success: true } p ? p.Groups[1].Value.ToUpperInvariant() : "ANY";
    }

    [GeneratedRegex(@"\b(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\b")]
    private static partial Regex VerbWord();

    [GeneratedRegex(@"^(?:Map|Http)?(Get|Post|Put|Delete|Patch|Head|Options)(?:Mapping|Async)?$", RegexOptions.IgnoreCase)]
    private static partial Regex VerbPrefix();
}
