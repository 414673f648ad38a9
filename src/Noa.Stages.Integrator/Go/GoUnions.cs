using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Naming;
using Noa.Stages.Integrator.Output;

namespace Noa.Stages.Integrator.Go;

/// <summary>
/// A oneOf/anyOf as a struct with one pointer (or nil-able) field per variant, exactly one set. <c>MarshalJSON</c> writes
/// the set one. <c>UnmarshalJSON</c> picks the variant by the discriminator's value when the spec declares one (an unknown
/// value falls back to trying); otherwise it tries the variants in the spec's order and keeps the first that decodes
/// strictly (unknown object members refused), so <c>{"x": 1}</c> is not taken for an unrelated object.
/// </summary>
internal static class GoUnions
{
    public static void Write(CodeWriter w, ApiSchema schema, string name, GoTypes types)
    {
        var scope = new Identifiers(new HashSet<string>(StringComparer.Ordinal) { "MarshalJSON", "UnmarshalJSON" }, "Variant");
        var fields = schema.Variants.Select(v => (Type: v, Field: scope.For(Key(v), VariantName(v, types)), Go: types.Field(v, optional: true))).ToList();
        w.Line($"type {name} struct {{");
        using (w.Indent())
            foreach (var (_, field, go) in fields)
                w.Line($"{field} {go}");
        w.Line("}");
        w.Line();
        w.Line("// MarshalJSON writes the variant that is set (null when none is).");
        w.Line($"func (u {name}) MarshalJSON() ([]byte, error) {{");
        using (w.Indent())
        {
            foreach (var (_, field, _) in fields)
            {
                w.Line($"if u.{field} != nil {{");
                using (w.Indent())
                    w.Line($"return json.Marshal(u.{field})");
                w.Line("}");
            }
            w.Line("return []byte(\"null\"), nil");
        }
        w.Line("}");
        w.Line();
        w.Line(schema.Discriminator is null
            ? "// UnmarshalJSON keeps the first variant, in the spec's order, that the value decodes into strictly."
            : $"// UnmarshalJSON chooses the variant by the {Safe(schema.Discriminator)} member, else tries each in order.");
        w.Line($"func (u *{name}) UnmarshalJSON(data []byte) error {{");
        using (w.Indent())
        {
            w.Line($"*u = {name}{{}}");
            w.Line("if bytes.Equal(bytes.TrimSpace(data), []byte(\"null\")) {");
            using (w.Indent())
                w.Line("return nil");
            w.Line("}");
            var mapped = schema.Discriminator is null ? [] : schema.Mapping
                .Select(m => (m.Key, Field: fields.FirstOrDefault(f => f.Type.Kind == TypeKind.Named && f.Type.Name == m.Value)))
                .Where(m => m.Field.Field is not null).ToList();
            if (mapped.Count > 0)
            {
                w.Line($"if kind, err := discriminator(data, {GoSyntax.String(schema.Discriminator!)}); err == nil {{");
                using (w.Indent())
                {
                    w.Line("switch kind {");
                    foreach (var (value, (type, field, go)) in mapped)
                    {
                        w.Line($"case {GoSyntax.String(value)}:");
                        using (w.Indent())
                        {
                            w.Line($"var v {go}");
                            w.Line("if err := json.Unmarshal(data, &v); err != nil {");
                            using (w.Indent())
                                w.Line($"return fmt.Errorf(\"{name} ({Safe(schema.Discriminator!)} %q): %w\", kind, err)");
                            w.Line("}");
                            w.Line($"u.{field} = v");
                            w.Line("return nil");
                        }
                    }
                    w.Line("}");
                }
                w.Line("}");
            }
            foreach (var (_, field, go) in fields)
            {
                w.Line("{");
                using (w.Indent())
                {
                    w.Line($"var v {go}");
                    w.Line("if unmarshalStrict(data, &v) == nil {");
                    using (w.Indent())
                    {
                        w.Line($"u.{field} = v");
                        w.Line("return nil");
                    }
                    w.Line("}");
                }
                w.Line("}");
            }
            w.Line($"return fmt.Errorf(\"{name}: the value matches none of its variants\")");
        }
        w.Line("}");
    }

    private static string Key(TypeRef type) => type.Kind == TypeKind.Named ? "n:" + type.Name : type.ToString();

    private static string VariantName(TypeRef type, GoTypes types) => type.Kind switch
    {
        TypeKind.Named => types.Name(type.Name!),
        TypeKind.String => "String",
        TypeKind.Integer => "Int",
        TypeKind.Number => "Number",
        TypeKind.Boolean => "Bool",
        TypeKind.Date => "Date",
        TypeKind.DateTime => "Time",
        TypeKind.Binary => "Bytes",
        TypeKind.Array => VariantName(type.Element!, types) + "List",
        TypeKind.Map => VariantName(type.Element!, types) + "Map",
        _ => "Value",
    };

    /// <summary>Text safe inside a Go comment and a format string's literal part.</summary>
    private static string Safe(string text) => new(text.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '@' or '$').ToArray());
}
