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
    private readonly ApiModel _model;
    private readonly HashSet<string> _forms;

    public PythonTypes(ApiModel model)
    {
        _model = model;
        foreach (var name in model.Schemas.Keys)
            _names.For(name, NameWords.Pascal(name));
        _forms = model.Operations.Select(o => model.FormSchema(o.Body)?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether the schema types a multipart request: its TypedDict is the client's argument, and its binary fields take
    /// <c>bytes</c> or a binary file (<c>IO[bytes]</c>) that the runtime sends as file parts.
    /// </summary>
    public bool IsForm(string schema) => _forms.Contains(schema);

    /// <summary>A form field's annotation: binary (and arrays of it) as bytes or a file, the rest as in JSON.</summary>
    public string FormField(TypeRef type)
    {
        var core = type.Kind switch
        {
            TypeKind.Binary => "Union[bytes, IO[bytes]]",
            TypeKind.Array when type.Element!.Kind == TypeKind.Binary => "list[Union[bytes, IO[bytes]]]",
            _ => null,
        };
        return core is null ? Annotation(type) : type.Nullable ? $"Optional[{core}]" : core;
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
        BodyKind.Multipart when request && _model.FormSchema(body) is not null => Annotation(body.Type),
        BodyKind.Form or BodyKind.Multipart => "Mapping[str, Any]",
        BodyKind.EventStream => request ? "bytes" : "Iterator[_rt.ServerSentEvent]",
        BodyKind.JsonLines => request ? "bytes" : "Iterator[Any]",
        _ => Annotation(body.Type),
    };
}
