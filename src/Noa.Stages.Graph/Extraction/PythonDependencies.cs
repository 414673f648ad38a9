using Noa.Stages.Graph.Model;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

/// <summary>
/// FastAPI's dependency chains in one Python file, for the builder to tell which of an endpoint's dependencies
/// authenticate: names bound to a FastAPI security class (<c>oauth2 = OAuth2PasswordBearer(tokenUrl="token")</c>:
/// <c>scheme</c>), and what each function or <c>Annotated</c> alias depends on (<c>Depends(x)</c>, <c>Security(x)</c>)
/// or returns (a function of the same file: <c>return _get_user if required else _get_optional</c>): <c>depends</c>.
/// </summary>
internal static class PythonDependencies
{
    /// <summary>FastAPI's security classes and how each sends credentials (<see cref="Noa.Abstractions.Graph.KgSecurity.Type"/>).</summary>
    public static readonly Dictionary<string, string> Schemes = new(StringComparer.Ordinal)
    {
        ["OAuth2PasswordBearer"] = "oauth2", ["OAuth2AuthorizationCodeBearer"] = "oauth2", ["OAuth2"] = "oauth2",
        ["HTTPBearer"] = "bearer", ["HTTPBasic"] = "basic", ["HTTPDigest"] = "digest", ["OpenIdConnect"] = "openIdConnect",
        ["APIKeyHeader"] = "apiKey:header", ["APIKeyQuery"] = "apiKey:query", ["APIKeyCookie"] = "apiKey:cookie",
    };

    public static void Collect(Node root, FileExtractor.Definitions defs, FileFacts facts)
    {
        var text = root.Text;
        if (!text.Contains("Depends", StringComparison.Ordinal) && !text.Contains("Security", StringComparison.Ordinal)
            && !Schemes.Keys.Any(k => text.Contains(k, StringComparison.Ordinal)))
        {
            return;
        }
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.Kind == "function_definition")
            {
                Function(n, defs, facts);
            }
            else if (n.Kind == "assignment" && n.Field("left") is { Kind: "identifier" } left && n.Field("right") is { IsNull: false } right)
            {
                Assignment(left.Text, right, facts);
            }
            foreach (var c in n.NamedChildren())
            {
                stack.Push(c);
            }
        }
    }

    private static void Function(Node fn, FileExtractor.Definitions defs, FileFacts facts)
    {
        var name = fn.Field("name").Text;
        var owner = defs.OfFunction(fn);
        foreach (var (_, p) in RouteSyntax.Parameters(fn))
        {
            var value = p.Field("value");
            var marker = !value.IsNull && RouteSyntax.IsCall(value) ? value : RouteParameters.Annotated(p.Field("type"));
            if (HandlerApi.Dependency(marker) is { } d)
            {
                facts.Routes.Add(new RouteFact("depends", owner, p.Line) { Router = name, Handler = d.Scheme, Argument = d.Marker == "Security" ? 1 : 0 });
            }
            else if (marker.IsNull && p.Field("type") is { IsNull: false, Kind: "type" } t && t.NamedChildCount == 1 && t.NamedChild(0).Kind == "identifier")
            {
                facts.Routes.Add(new RouteFact("depends", owner, p.Line) { Router = name, Handler = t.Text }); // an alias, if it is one
            }
        }
        var body = fn.Field("body");
        foreach (var statement in body.IsNull ? [] : body.NamedChildren().Where(s => s.Kind == "return_statement"))
        {
            var value = statement.NamedChildCount > 0 ? statement.NamedChild(0) : default;
            var returned = value.Kind == "conditional_expression" ? value.NamedChildren().Where((_, i) => i != 1) : [value];
            foreach (var r in returned.Where(r => r.Kind == "identifier" && defs.CallableNamed(r.Text) >= 0))
            {
                facts.Routes.Add(new RouteFact("depends", owner, statement.Line) { Router = name, Handler = r.Text, Argument = 2 });
            }
        }
    }

    private static void Assignment(string name, Node right, FileFacts facts)
    {
        if (RouteSyntax.IsCall(right) && RouteSyntax.CallName(right) is { } cls && Schemes.ContainsKey(cls))
        {
            var detail = new[] { "tokenUrl", "name", "openIdConnectUrl" }.Select(k => Literals.Unquote(RouteSyntax.KeywordArgument(right, k).Text)).FirstOrDefault(v => v is { Length: > 0 });
            facts.Routes.Add(new RouteFact("scheme", -1, right.Line) { Router = name, Handler = cls, Path = detail });
        }
        else if (right.Kind == "subscript" && right.Field("value").Text is "Annotated" or "typing.Annotated")
        {
            foreach (var item in right.NamedChildren().Skip(1))
            {
                if (HandlerApi.Dependency(item) is { } d)
                {
                    facts.Routes.Add(new RouteFact("depends", -1, right.Line) { Router = name, Handler = d.Scheme, Argument = d.Marker == "Security" ? 1 : 0 });
                }
            }
        }
    }
}
