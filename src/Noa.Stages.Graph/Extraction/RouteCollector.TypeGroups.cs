using System.Text.RegularExpressions;
using Noa.Stages.Graph.Model;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

// ASP.NET endpoint groups named after the type that maps them: `app.MapGroup($"/api/{groupName}")` where groupName is a
// type's name (`type.Name` of a loop over the types that implement an interface, or `group.GetType().Name`), each group
// handed to that type's own Map method, by reflection or by `this`. The call site names no type, so the fact is a
// template: the builder gives every type that implements or derives from the base its own prefix.
internal sealed partial class RouteCollector
{
    /// <summary>The <c>typegroup</c> fact of a <c>MapGroup</c> call whose prefix is such a template, or null.</summary>
    private RouteFact? TypeGroup(Node call)
    {
        if (RouteSyntax.Arguments(call) is not [var argument, ..] || EnclosingFunction(call) is not { } fn)
        {
            return null;
        }
        string? overrideName = null;
        var value = Initializer(fn, RouteSyntax.Unwrap(argument));
        if (value.Kind == "binary_expression" && Operator(value) == "??")
        {
            // `GetProperty(nameof(IEndpointGroup.RoutePrefix))?.GetValue(null) as string ?? $"/api/{groupName}"`: a
            // property of the type overrides the template.
            overrideName = NameOf().Match(value.Field("left").Text) is { Success: true } m ? m.Groups[1].Value : null;
            value = Initializer(fn, RouteSyntax.Unwrap(value.Field("right")));
        }
        if (value.Kind != "interpolated_string_expression")
        {
            return null;
        }
        var holes = value.NamedChildren().Where(c => c.Kind == "interpolation").ToList();
        if (holes.Count != 1 || holes[0].NamedChildren().FirstOrDefault(c => !c.Kind.StartsWith("interpolation_", StringComparison.Ordinal)) is not { IsNull: false } hole)
        {
            return null;
        }
        var name = Initializer(fn, RouteSyntax.Unwrap(hole)).Text;
        var type = TypeName().Match(name);
        if (!type.Success)
        {
            return null;
        }
        // The base: the type the loop's types are tested against (`IsAssignableTo(typeof(IEndpointGroup))`), else the
        // declared type of the parameter whose GetType() names the group.
        var baseType = Descendants(fn).FirstOrDefault(n => n.Kind == "typeof_expression") is { IsNull: false } typeOf
            ? typeOf.Field("type").Text
            : RouteSyntax.Parameters(fn).FirstOrDefault(p => p.Name == type.Groups[1].Value).Node is { IsNull: false } parameter
                ? parameter.Field("type").Text
                : null;
        var text = value.Text.TrimStart('$', '@');
        if (baseType is not { Length: > 0 } || text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return null;
        }
        var template = text[1..^1].Replace(holes[0].Text, "{@type}", StringComparison.Ordinal);
        return new RouteFact("typegroup", defs.Scope(call), call.Line)
        {
            Parent = Ref(RouteSyntax.CallReceiver(call)), Path = template, Handler = baseType, Child = overrideName,
        };
    }

    // What a local name holds: the value it was declared with in the function, else the expression itself.
    private static Node Initializer(Node fn, Node expression)
    {
        if (expression.Kind != "identifier")
        {
            return expression;
        }
        foreach (var declarator in Descendants(fn).Where(n => n.Kind == "variable_declarator"))
        {
            var named = declarator.NamedChildren().ToList();
            if (named.Count >= 2 && named[0].Kind == "identifier" && named[0].Text == expression.Text)
            {
                return RouteSyntax.Unwrap(named[^1]);
            }
        }
        return expression;
    }

    private static string? Operator(Node binary)
    {
        var op = binary.Field("operator");
        return !op.IsNull ? op.Text : binary.Children().Any(c => !c.IsNamed && c.Text == "??") ? "??" : null;
    }

    private static IEnumerable<Node> Descendants(Node root)
    {
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            foreach (var child in n.NamedChildren().Reverse())
            {
                stack.Push(child);
            }
        }
    }

    // `type.Name`, `group.GetType().Name`, `GetType().Name`: the name of a type chosen at run time.
    [GeneratedRegex(@"^(?:(\w+)\.GetType\(\)|GetType\(\)|(\w+))\.Name$")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"nameof\(\s*(?:[\w.]+\.)?(\w+)\s*\)")]
    private static partial Regex NameOf();
}
