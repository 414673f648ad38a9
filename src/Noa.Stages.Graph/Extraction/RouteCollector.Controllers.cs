using Noa.Stages.Graph.Model;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

// ASP.NET controllers' actions, for conventional routing.
internal sealed partial class RouteCollector
{
    // An ASP.NET controller's actions: its public instance methods, unless [NonAction]; each with the verbs of its
    // [HttpX] attributes (none: any verb) and its parameters. Conventional routing gives them their paths.
    private void Actions(Node controller)
    {
        var body = controller.Field("body");
        if (body.IsNull || controller.NamedChildren().Any(c => c.Kind == "modifier" && c.Text is "abstract" or "static"))
        {
            return;
        }
        foreach (var m in body.NamedChildren())
        {
            if (m.Kind != "method_declaration")
            {
                continue;
            }
            var modifiers = m.NamedChildren().Where(c => c.Kind == "modifier").Select(c => c.Text).ToList();
            var attributes = m.NamedChildren().Where(c => c.Kind == "attribute_list").SelectMany(l => l.NamedChildren())
                .Where(a => a.Kind == "attribute").Select(a => a.Field("name").Text).ToList();
            if (!modifiers.Contains("public") || modifiers.Contains("static") || modifiers.Contains("abstract") || attributes.Contains("NonAction"))
            {
                continue;
            }
            var def = defs.At(m);
            if (def < 0)
            {
                continue;
            }
            var verbs = attributes.Where(a => a.StartsWith("Http", StringComparison.Ordinal) && a.Length > 4).Select(a => a[4..].ToUpperInvariant()).Distinct().ToList();
            Add(new RouteFact("action", def, m.Line)
            {
                Path = m.Field("name").Text, Method = verbs.Count == 0 ? "ANY" : string.Join(",", verbs), Parameters = RouteParameters.Of(m),
                Response = HandlerApi.Response(m, default), Security = HandlerApi.Security(m, default),
            });
        }
    }
}
