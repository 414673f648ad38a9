using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Stages.Integrator.Model;

namespace Noa.Stages.Integrator.Changes;

/// <summary>
/// <c>sdk/api.json</c>: the API model reduced to what a caller of its SDKs depends on — operations (method, path, id,
/// parameters, body, result) and schemas (kind, properties, enum values, variants), types as canonical text — plus the SDK
/// version written. The next digest of the same source compares its own snapshot with this one (<see cref="ApiDiff"/>).
/// Descriptions are left out: they change no code a caller writes.
/// </summary>
internal sealed partial record ApiSnapshot
{
    public const string FileName = "api.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public int SchemaVersion { get; init; } = 1;

    public required string Title { get; init; }

    /// <summary>The API's own version (the spec's <c>info.version</c>).</summary>
    public required string ApiVersion { get; init; }

    /// <summary>The version the SDK packages were written with.</summary>
    public required string SdkVersion { get; init; }

    public required List<Operation> Operations { get; init; }

    public required List<Schema> Schemas { get; init; }

    /// <param name="Key">Method and path with the path parameters' names left out (<c>GET /pets/{}</c>): renaming a path parameter keeps the operation.</param>
    public sealed record Operation(string Key, string Method, string Path, string Id, List<Parameter> Parameters, Body? Body, string? Result);

    public sealed record Parameter(string Name, string In, string Type, bool Required);

    public sealed record Body(string Kind, string Type, bool Required);

    /// <param name="Target">An alias's type.</param>
    /// <param name="Extra">An object's type of keys it does not list (<c>additionalProperties</c>).</param>
    public sealed record Schema(string Name, string Kind, List<Property> Properties, List<string> Values, List<string> Variants, string? Target = null, string? Extra = null);

    public sealed record Property(string Name, string Type, bool Required);

    public static ApiSnapshot Of(ApiModel model) => new()
    {
        Title = model.Title,
        ApiVersion = model.Version,
        SdkVersion = model.Version,
        Operations = [.. model.Operations.Select(o => new Operation(Key(o.Method, o.Path), o.Method, o.Path, o.Id,
            [.. o.Parameters.Select(p => new Parameter(p.WireName, p.In.ToString().ToLowerInvariant(), Text(p.Type), p.Required))],
            o.Body.Kind == BodyKind.None ? null : new Body(o.Body.Kind.ToString().ToLowerInvariant(), Text(o.Body.Type), o.Body.Required),
            o.Success.Kind == BodyKind.None ? null : $"{o.Success.Kind.ToString().ToLowerInvariant()} {Text(o.Success.Type)}"))],
        Schemas = [.. model.Schemas.Values.Select(s => new Schema(s.Name, s.Kind.ToString().ToLowerInvariant(),
            [.. s.Properties.Select(p => new Property(p.WireName, Text(p.Type), p.Required))],
            [.. s.EnumValues],
            [.. s.Variants.Select(Text)], s.Target is { } t ? Text(t) : null, s.AdditionalProperties is { } a ? Text(a) : null))],
    };

    /// <summary>A type as text: <c>string</c>, <c>array&lt;#Pet&gt;</c>, <c>map&lt;integer&gt;</c>, with <c>?</c> when nullable.</summary>
    public static string Text(TypeRef type)
    {
        var text = type.Kind switch
        {
            TypeKind.Array => $"array<{Text(type.Element ?? TypeRef.Any)}>",
            TypeKind.Map => $"map<{Text(type.Element ?? TypeRef.Any)}>",
            TypeKind.Named => "#" + type.Name,
            _ => type.Kind.ToString().ToLowerInvariant(),
        };
        return type.Nullable ? text + "?" : text;
    }

    public static string Key(string method, string path) => $"{method.ToUpperInvariant()} {TemplateParameter().Replace(path, "{}")}";

    [GeneratedRegex(@"\{[^{}/]+\}")]
    private static partial Regex TemplateParameter();
}
