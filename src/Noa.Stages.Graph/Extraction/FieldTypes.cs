using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

/// <summary>
/// The declared type of a field or property, from its syntax node in any language that declares one: a Python class
/// attribute (<c>name: str = ""</c>, as in dataclasses and pydantic models), Java and C# fields, C# properties, TypeScript
/// class fields and interface members, Go struct fields. Static members are not part of an object's shape: no type.
/// </summary>
internal static class FieldTypes
{
    public static (string? Type, bool Optional) Of(Node node, string kind)
    {
        if (kind is not ("field" or "property") || IsStatic(node))
        {
            return (null, false);
        }
        if (node.Kind is "expression_statement" or "assignment")
        {
            var assignment = node.Kind == "assignment" ? node : node.NamedChildCount > 0 ? node.NamedChild(0) : default;
            if (assignment.Kind != "assignment" || assignment.Field("type") is not { IsNull: false } annotation)
            {
                return (null, false);
            }
            var python = Literals.OneLine(annotation.Text, 120);
            return (python, !assignment.Field("right").IsNull || python.Contains("None", StringComparison.Ordinal) || python.StartsWith("Optional", StringComparison.Ordinal));
        }
        var typeNode = node.Field("type");
        if (typeNode.IsNull && node.NamedChildren().FirstOrDefault(c => c.Kind == "variable_declaration") is { IsNull: false } declaration)
        {
            typeNode = declaration.Field("type"); // C# `public string Name;`
        }
        if (typeNode.IsNull)
        {
            return (null, false);
        }
        var type = Literals.OneLine(typeNode.Text.TrimStart(':').Trim(), 120);
        var optional = type.EndsWith('?') || type.StartsWith("Optional<", StringComparison.Ordinal) || type.Contains("| null", StringComparison.Ordinal)
            || type.Contains("| undefined", StringComparison.Ordinal) || node.Children().Any(c => c.Kind == "?");
        return (type, optional);
    }

    private static bool IsStatic(Node node) =>
        node.Children().Any(c => c.Kind == "static" || (c.Kind is "modifiers" or "modifier" && c.Text.Split(' ', '\n').Contains("static")));
}
