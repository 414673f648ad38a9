using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Naming;

namespace Noa.Stages.Integrator.Python;

/// <summary>
/// Python annotations for the model's types. Named types are quoted (forward references work in every position, also
/// where annotations are evaluated at runtime, such as type aliases), and nullability is <c>Optional[...]</c>.
/// </summary>
internal sealed class PythonTypes
{
    private readonly Identifiers _names = new(PythonSyntax.ModuleNames, "Model");

    public PythonTypes(ApiModel model)
    {
        foreach (var name in model.Schemas.Keys)
            _names.For(name, NameWords.Pascal(name));
    }

    /// <summary>The Python class or alias name of a named schema.</summary>
    public string Name(string schema) => _names.For(schema, NameWords.Pascal(schema));

    public string Annotation(TypeRef type)
    {
        var core = type.Kind switch
        {
            TypeKind.String or TypeKind.Date or TypeKind.DateTime or TypeKind.Binary => "str",
            TypeKind.Integer => "int",
            TypeKind.Number => "float",
            TypeKind.Boolean => "bool",
            TypeKind.Null => "None",
            TypeKind.Array => $"list[{Annotation(type.Element!)}]",
            TypeKind.Map => $"dict[str, {Annotation(type.Element!)}]",
            TypeKind.Named => PythonSyntax.String(Name(type.Name!)),
            _ => "Any",
        };
        return type.Nullable && core is not ("Any" or "None") ? $"Optional[{core}]" : core;
    }

    /// <summary>A body's annotation as the client takes or returns it (bytes for binary, an iterator for streams).</summary>
    public string Body(ApiBody body, bool request) => body.Kind switch
    {
        BodyKind.None => "None",
        BodyKind.Binary => "bytes",
        BodyKind.Text => "str",
        BodyKind.Form or BodyKind.Multipart => "Mapping[str, Any]",
        BodyKind.EventStream => request ? "bytes" : "Iterator[_rt.ServerSentEvent]",
        BodyKind.JsonLines => request ? "bytes" : "Iterator[Any]",
        _ => Annotation(body.Type),
    };
}
